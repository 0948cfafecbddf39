-- 011_embeddings: the recommender's vectors. The build runner fills these
-- tables after this step, from movie_features (engine/recommend computes
-- them in Go).
--
-- A movie's vector is its exact weighted features (the words of overview
-- and tagline, genres, collection, cast, directors, companies, language,
-- era, keywords): `feature_terms` (FNV-64a hashes) with `feature_weights`.
-- The vector has unit length, so the cosine similarity of two movies is the
-- sum of the products of the weights of the features they share: what
-- similar_movies() below computes. `packed` holds the same vector as the
-- server reads it: 12 bytes a feature, its term (8 bytes) then its weight
-- (a float32, 4), little-endian; a server reads one value a film instead
-- of two lists whose every element the driver boxes.

CREATE TABLE movie_embeddings (
    movie_id        BIGINT PRIMARY KEY,
    feature_terms   UBIGINT[] NOT NULL,  -- sorted ascending
    feature_weights FLOAT[] NOT NULL,
    packed          BLOB NOT NULL        -- the same features, packed
);
COMMENT ON TABLE movie_embeddings IS 'The recommender''s unit vectors: exact weighted features (see similar_movies); packed is the same vector as the server loads it.';

CREATE TABLE embedding_config (
    configuration VARCHAR NOT NULL  -- the recommender's weights, as the build used them
);

-- The movies most similar to one, by cosine similarity, in a plain DuckDB
-- shell: FROM similar_movies(862) LIMIT 5.
CREATE MACRO similar_movies(query_id) AS TABLE
WITH query AS (
    SELECT feature_terms, feature_weights FROM movie_embeddings WHERE movie_id = query_id
),
query_features AS (
    SELECT unnest(feature_terms) AS term, unnest(feature_weights) AS weight FROM query
),
shared AS (
    SELECT e.movie_id, sum(e.weight * q.weight) AS overlap
    FROM (SELECT movie_id, unnest(feature_terms) AS term, unnest(feature_weights) AS weight FROM movie_embeddings) e
    JOIN query_features q USING (term)
    GROUP BY e.movie_id
)
SELECT e.movie_id, m.title, m.release_year, coalesce(s.overlap, 0) AS similarity
FROM movie_embeddings e
CROSS JOIN query  -- no rows for an unknown movie
JOIN movies m ON m.id = e.movie_id
LEFT JOIN shared s ON s.movie_id = e.movie_id
WHERE e.movie_id <> query_id
ORDER BY similarity DESC, e.movie_id;
