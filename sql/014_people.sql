-- 014_people: each actor's and director's films as a server loads them,
-- computed once here rather than at every server start (the views'
-- DISTINCT, their genders over every credit and their returns were a
-- third of the time a server took to load a build): one row per credit.
-- Unordered: a server orders them as it reads them (by person, then
-- release), which costs it less than a sort here under the build's memory
-- limit. Actors, then directors, each on its own, as 013 does.

CREATE TABLE person_credits AS
SELECT 'actor' AS role, a.person_id, a.actor AS name, r.gender, r.total_return, r.mean_return,
       a.movie_id, a.release_date
FROM actor_films a
JOIN actor_returns r ON r.person_id IS NOT DISTINCT FROM a.person_id AND r.actor = a.actor
WHERE a.actor IS NOT NULL;

INSERT INTO person_credits
SELECT 'director', d.person_id, d.director, r.gender, r.total_return, r.mean_return,
       d.movie_id, d.release_date
FROM director_films d
JOIN director_returns r ON r.person_id IS NOT DISTINCT FROM d.person_id AND r.director = d.director
WHERE d.director IS NOT NULL;

COMMENT ON TABLE person_credits IS 'One row per credit of each actor and director (role), with the person''s gender and return (actor_returns, director_returns): what a server loads of people.';
