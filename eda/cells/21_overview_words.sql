-- title: Nube de palabras de las sinopsis
-- why: Los temas que más se repiten en las sinopsis (overview), sin palabras vacías del inglés y del español.
-- chart: wordcloud
-- x: palabra
-- y: veces
-- finding: SELECT 'Las tres palabras más frecuentes en las sinopsis son «{}», «{}» y «{}».', list(palabra ORDER BY veces DESC, palabra)[1], list(palabra ORDER BY veces DESC, palabra)[2], list(palabra ORDER BY veces DESC, palabra)[3] FROM cell
SELECT w AS palabra, count(*) AS veces
FROM (SELECT unnest(regexp_split_to_array(lower(overview), '[^[:alnum:]'']+')) AS w FROM movies WHERE overview IS NOT NULL)
WHERE length(w) > 3
  AND w NOT IN ('with','that','this','from','their','when','they','have','into','after','about','only','will','what',
                'while','where','which','there','them','then','than','been','must','more','most','some','also','over',
                'being','other','each','very','just','himself','herself','finds','find','takes','life','story','film',
                'para','como','pero','más','sobre','entre','cuando','hasta','desde','porque','todo','esta','este',
                'they''re','it''s','he''s','she''s','years','year','world','time','becomes','gets','make','back','down',
                'first','both','before','through','against','during','under','until','upon','would','could','should','does')
GROUP BY 1
ORDER BY veces DESC, palabra
LIMIT 120
