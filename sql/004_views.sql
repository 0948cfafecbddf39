-- 004_views: the questions the API answers, as views over the clean tables.
-- Built-in functions only: the file must open in a plain DuckDB shell.

-- Releases per calendar month, with the Spanish month name.
CREATE VIEW releases_by_month AS
SELECT month(release_date) AS month,
       ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto',
        'septiembre', 'octubre', 'noviembre', 'diciembre'][month(release_date)] AS mes,
       count(*) AS movies
FROM movies
GROUP BY ALL
ORDER BY month;

-- Releases per ISO weekday (1 = Monday), with the Spanish day name.
CREATE VIEW releases_by_weekday AS
SELECT isodow(release_date) AS weekday,
       ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'][isodow(release_date)] AS dia,
       count(*) AS movies
FROM movies
GROUP BY ALL
ORDER BY weekday;

-- Each movie's title, year, popularity and votes.
CREATE VIEW movie_scores AS
SELECT id, title, release_year, release_date, popularity, vote_count, vote_average
FROM movies;

-- Each actor's films (a person credited twice in one cast counts once).
CREATE VIEW actor_films AS
SELECT c.person_id, c.name AS actor, m.id AS movie_id, m.title, m.release_date, m.release_year,
       m.budget, m.revenue, m."return"
FROM (SELECT movie_id, person_id, arg_min(name, cast_order) AS name
      FROM movie_cast GROUP BY movie_id, person_id) c
JOIN movies m ON m.id = c.movie_id;

-- Each actor's number of films and return: total, and mean per film
-- (films with return 0 count).
CREATE VIEW actor_returns AS
SELECT person_id, min(actor) AS actor, count(*) AS films,
       sum("return") AS total_return, avg("return") AS mean_return
FROM actor_films
GROUP BY person_id;

-- Each director's films with date, return, budget, revenue and profit.
CREATE VIEW director_films AS
SELECT c.person_id, c.name AS director, m.id AS movie_id, m.title, m.release_date, m.release_year,
       m."return", m.budget, m.revenue, m.revenue - m.budget AS profit
FROM (SELECT movie_id, person_id, min(name) AS name
      FROM movie_crew WHERE job = 'Director' GROUP BY movie_id, person_id) c
JOIN movies m ON m.id = c.movie_id;

-- Each director's number of films and return.
CREATE VIEW director_returns AS
SELECT person_id, min(director) AS director, count(*) AS films,
       sum("return") AS total_return, avg("return") AS mean_return,
       sum(profit) AS total_profit
FROM director_films
GROUP BY person_id;
