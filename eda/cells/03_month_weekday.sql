-- title: Estrenos por mes y día de la semana
-- why: Los estrenos no se reparten al azar: la industria elige días y meses. El mapa de calor cruza ambos.
-- chart: heatmap
-- x: día
-- y: mes
-- finding: SELECT 'El {} concentra el {} % de los estrenos; el mes con más estrenos es {}.', (SELECT arg_max(weekday_name, movies) FROM releases_by_weekday), (SELECT round(100.0 * max(movies) / sum(movies), 1) FROM releases_by_weekday), (SELECT arg_max(month_name, movies) FROM releases_by_month)
SELECT ['lun', 'mar', 'mié', 'jue', 'vie', 'sáb', 'dom'][isodow(release_date)] AS día,
       ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto',
        'septiembre', 'octubre', 'noviembre', 'diciembre'][month(release_date)] AS mes,
       count(*) AS películas
FROM movies
GROUP BY month(release_date), isodow(release_date)
ORDER BY month(release_date), isodow(release_date)
