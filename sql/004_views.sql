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

-- Each actor's films (a person credited twice in one cast counts once). A
-- person is a (person_id, name) pair.
CREATE VIEW actor_films AS
SELECT DISTINCT c.person_id, c.name AS actor, m.id AS movie_id, m.title, m.release_date, m.release_year,
       m.budget, m.revenue, m."return"
FROM movie_cast c
JOIN movies m ON m.id = c.movie_id;

-- Each actor's number of films and return: total, and mean per film
-- (films with return 0 count).
CREATE VIEW actor_returns AS
SELECT person_id, actor, count(*) AS films,
       sum("return") AS total_return, avg("return") AS mean_return
FROM actor_films
GROUP BY person_id, actor;

-- Each director's films with date, return, budget, revenue and profit.
CREATE VIEW director_films AS
SELECT DISTINCT c.person_id, c.name AS director, m.id AS movie_id, m.title, m.release_date, m.release_year,
       m."return", m.budget, m.revenue, m.revenue - m.budget AS profit
FROM movie_crew c
JOIN movies m ON m.id = c.movie_id
WHERE c.job = 'Director';

-- Each director's number of films and return.
CREATE VIEW director_returns AS
SELECT person_id, director, count(*) AS films,
       sum("return") AS total_return, avg("return") AS mean_return,
       sum(profit) AS total_profit
FROM director_films
GROUP BY person_id, director;
