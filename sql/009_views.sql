-- 009_views: the questions the API answers, as views over the clean tables.
-- Built-in functions only: the file must open in a plain DuckDB shell.

-- The Spanish names of months and weekdays: the one place they are written.
-- The API reads them from here; `canonical` names are the ones it answers
-- with, the others are accepted spellings ("setiembre", common in Latin America).
CREATE TABLE calendar_names (
    kind      VARCHAR NOT NULL,  -- month or weekday
    number    INTEGER NOT NULL,  -- month 1-12; ISO weekday 1 (Monday) - 7
    name      VARCHAR NOT NULL,
    canonical BOOLEAN NOT NULL
);
INSERT INTO calendar_names VALUES
    ('month', 1, 'enero', true), ('month', 2, 'febrero', true), ('month', 3, 'marzo', true),
    ('month', 4, 'abril', true), ('month', 5, 'mayo', true), ('month', 6, 'junio', true),
    ('month', 7, 'julio', true), ('month', 8, 'agosto', true), ('month', 9, 'septiembre', true),
    ('month', 9, 'setiembre', false), ('month', 10, 'octubre', true), ('month', 11, 'noviembre', true),
    ('month', 12, 'diciembre', true),
    ('weekday', 1, 'lunes', true), ('weekday', 2, 'martes', true), ('weekday', 3, 'miércoles', true),
    ('weekday', 4, 'jueves', true), ('weekday', 5, 'viernes', true), ('weekday', 6, 'sábado', true),
    ('weekday', 7, 'domingo', true);
COMMENT ON TABLE calendar_names IS 'Spanish names of months and weekdays, as the API reads and writes them.';

-- The Spanish name of each of TMDB's genres (TMDB's own Spanish names):
-- the one place they are written. The API and the report show these; the
-- clean tables keep TMDB's names. A genre missing here is shown as TMDB
-- names it.
CREATE TABLE genre_translations (
    name    VARCHAR NOT NULL PRIMARY KEY,  -- as TMDB names it (genres.name)
    name_es VARCHAR NOT NULL
);
INSERT INTO genre_translations VALUES
    ('Action', 'Acción'), ('Adventure', 'Aventura'), ('Animation', 'Animación'), ('Comedy', 'Comedia'),
    ('Crime', 'Crimen'), ('Documentary', 'Documental'), ('Drama', 'Drama'), ('Family', 'Familia'),
    ('Fantasy', 'Fantasía'), ('Foreign', 'Extranjera'), ('History', 'Historia'), ('Horror', 'Terror'),
    ('Music', 'Música'), ('Mystery', 'Misterio'), ('Romance', 'Romance'), ('Science Fiction', 'Ciencia ficción'),
    ('TV Movie', 'Película de televisión'), ('Thriller', 'Suspense'), ('War', 'Bélica'), ('Western', 'Wéstern');
COMMENT ON TABLE genre_translations IS 'The Spanish name of each TMDB genre, as the API and the report show it.';

-- A genre's name in Spanish (TMDB's when it has no translation).
CREATE MACRO genre_es(genre) AS
    coalesce((SELECT name_es FROM genre_translations t WHERE t.name = genre), genre);

-- The Spanish name of each country and language code the data holds
-- (countries.iso_3166_1; languages.iso_639_1 and movies.original_language),
-- from CLDR: created here, filled by the build's Go step "names"
-- (engine/store/names.go), which alone knows CLDR. A code CLDR does not
-- know keeps TMDB's name (source 'tmdb'), or its code when TMDB gives none
-- (source 'code'): never an invented name. The clean tables keep TMDB's.
CREATE TABLE country_names (
    code    VARCHAR NOT NULL PRIMARY KEY,  -- ISO 3166-1 alpha-2, as countries.iso_3166_1
    name_es VARCHAR NOT NULL,
    source  VARCHAR NOT NULL               -- cldr, tmdb or code
);
COMMENT ON TABLE country_names IS 'The Spanish name of each production country code (CLDR; TMDB''s name where CLDR has none).';
CREATE TABLE language_names (
    code    VARCHAR NOT NULL PRIMARY KEY,  -- ISO 639-1 as TMDB writes it (languages.iso_639_1, movies.original_language)
    name_es VARCHAR NOT NULL,
    source  VARCHAR NOT NULL               -- cldr, tmdb or code
);
COMMENT ON TABLE language_names IS 'The Spanish name of each language code (CLDR; TMDB''s name, or the code, where CLDR has none).';

-- A country's or a language's name in Spanish (the code itself when the
-- build named none).
CREATE MACRO country_es(iso) AS
    coalesce((SELECT name_es FROM country_names n WHERE n.code = iso), iso);
CREATE MACRO language_es(iso) AS
    coalesce((SELECT name_es FROM language_names n WHERE n.code = iso), iso);

-- A collection's name as the Spanish pages show it: without TMDB's English
-- " Collection" at its end ("Toy Story Collection" is "Toy Story"). The
-- API's reasons apply the same rule in Go (displayName in
-- engine/service/reasons.go); its test checks the two agree on real rows.
CREATE MACRO collection_es(name) AS regexp_replace(name, ' Collection$', '');

-- Releases per calendar month, with the Spanish month name.
CREATE VIEW releases_by_month AS
SELECT month(m.release_date) AS month, n.name AS month_name, count(*) AS movies
FROM movies m
JOIN calendar_names n ON n.kind = 'month' AND n.canonical AND n.number = month(m.release_date)
GROUP BY ALL
ORDER BY month;

-- Releases per ISO weekday (1 = Monday), with the Spanish day name.
CREATE VIEW releases_by_weekday AS
SELECT isodow(m.release_date) AS weekday, n.name AS weekday_name, count(*) AS movies
FROM movies m
JOIN calendar_names n ON n.kind = 'weekday' AND n.canonical AND n.number = isodow(m.release_date)
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

-- A person's gender as TMDB records it (1 female, 2 male): the value most of
-- their credits give; 0 when none does, or when as many say one as the other.
CREATE VIEW person_genders AS
SELECT person_id, name,
       CASE WHEN count_if(gender = 1) > count_if(gender = 2) THEN 1
            WHEN count_if(gender = 2) > count_if(gender = 1) THEN 2
            ELSE 0 END AS gender
FROM (SELECT person_id, name, gender FROM movie_cast
      UNION ALL
      SELECT person_id, name, gender FROM movie_crew)
GROUP BY person_id, name;

-- A return as an exact decimal: summed so, a total does not depend on the
-- order of its terms, which threads vary (a double's sum does, in its last
-- bits), at half the cost of summing in a fixed order.
CREATE MACRO exact_return(r) AS CAST(r AS DECIMAL(38, 12));

-- Each actor's number of films and return: total, and mean per film
-- (films with return 0 count).
CREATE VIEW actor_returns AS
SELECT a.person_id, a.actor, coalesce(g.gender, 0) AS gender, count(*) AS films,
       CAST(sum(exact_return(a."return")) AS DOUBLE) AS total_return, avg(exact_return(a."return")) AS mean_return
FROM actor_films a
LEFT JOIN person_genders g ON g.person_id IS NOT DISTINCT FROM a.person_id AND g.name = a.actor
GROUP BY ALL;

-- Each director's films with date, return, budget, revenue and profit. A
-- budget or revenue of 0 is unknown (TMDB writes 0 for unknown): the profit
-- is then NULL, as the return cannot be computed either; never a loss
-- nobody made.
CREATE VIEW director_films AS
SELECT DISTINCT c.person_id, c.name AS director, m.id AS movie_id, m.title, m.release_date, m.release_year,
       m."return", m.budget, m.revenue,
       CASE WHEN m.budget > 0 AND m.revenue > 0 THEN m.revenue - m.budget END AS profit
FROM movie_crew c
JOIN movies m ON m.id = c.movie_id
WHERE c.job = 'Director';

-- Each director's number of films and return (exact sums, as above).
CREATE VIEW director_returns AS
SELECT d.person_id, d.director, coalesce(g.gender, 0) AS gender, count(*) AS films,
       CAST(sum(exact_return(d."return")) AS DOUBLE) AS total_return, avg(exact_return(d."return")) AS mean_return,
       sum(d.profit) AS total_profit  -- of the films whose profit is known
FROM director_films d
LEFT JOIN person_genders g ON g.person_id IS NOT DISTINCT FROM d.person_id AND g.name = d.director
GROUP BY ALL;
