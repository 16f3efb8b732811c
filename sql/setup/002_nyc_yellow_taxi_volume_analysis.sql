-- shiftflow:repeatable
-- nyc_yellow_taxi_volume_analysis: trips, distance and fares per month of pickup.
-- Repeatable (sql/README.md): applied again only when this file changes, never on an unchanged deploy.
-- Redshift has no CREATE MATERIALIZED VIEW IF NOT EXISTS or OR REPLACE: drop and create re-creates it
-- (the view holds only derived data; run_elt_process refreshes it).
DROP MATERIALIZED VIEW IF EXISTS nyc_yellow_taxi_volume_analysis;

CREATE MATERIALIZED VIEW nyc_yellow_taxi_volume_analysis AS
SELECT
  DATE_TRUNC('mon', pickup_date) AS pickup_month,
  ROUND(AVG(trip_distance), 2) AS avg_distance,
  ROUND(AVG(fare_amount), 2) AS avg_fare,
  COUNT(1) AS total_trips,
  SUM(trip_distance) AS total_distance_per_month,
  SUM(fare_amount) AS total_fare_per_month
FROM nyc_yellow_taxi
GROUP BY 1;
