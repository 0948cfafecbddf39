-- title: Nube de palabras de los títulos
-- why: Las palabras más frecuentes en los títulos, sin artículos ni preposiciones (en inglés y en español).
-- chart: wordcloud
-- x: palabra
-- y: veces
-- finding: SELECT 'La palabra más frecuente en los títulos es «{}» ({} títulos).', arg_max(palabra, veces), max(veces) FROM cell
SELECT w AS palabra, count(*) AS veces
FROM (SELECT unnest(regexp_split_to_array(lower(title), '[^[:alnum:]'']+')) AS w FROM movies)
WHERE length(w) > 2
  AND w NOT IN ('the','and','for','from','with','your','you','are','his','her','its','into','out','off',
                'del','los','las','una','por','con','que','para','les','des','der','die','das','und',
                'all','not','how','who','what')
GROUP BY 1
ORDER BY veces DESC, palabra
LIMIT 120
