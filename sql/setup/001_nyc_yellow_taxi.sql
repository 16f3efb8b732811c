-- nyc_yellow_taxi: one row per trip of the NYC TLC yellow-taxi trip records of 2015, in the layout of
-- the reference sample's public extract (s3://event-driven-app-with-lambda-redshift/nyc_yellow_taxi_raw/,
-- pipe-delimited, no header): these ten columns in this order, so COPY loads that data as it is.
-- A table created by an earlier shiftflow version with another layout is kept by IF NOT EXISTS: drop it
-- (DROP TABLE nyc_yellow_taxi CASCADE) and apply the setup again; every run reloads all rows anyway.
CREATE TABLE IF NOT EXISTS nyc_yellow_taxi (
  pickup_date DATE,               -- date of pickup_datetime
  pickup_datetime TIMESTAMP,      -- meter engaged, New York time
  dropoff_datetime TIMESTAMP,     -- meter disengaged, New York time
  ratecode SMALLINT,              -- 1 standard, 2 JFK, 3 Newark, 4 Nassau/Westchester, 5 negotiated, 6 group ride
  passenger_count SMALLINT,       -- as entered by the driver
  trip_distance FLOAT4,           -- miles, from the taximeter
  fare_amount FLOAT4,             -- dollars; time-and-distance fare
  total_amount FLOAT4,            -- charged to passengers, cash tips excluded
  payment_type SMALLINT,          -- 1 card, 2 cash, 3 no charge, 4 dispute, 5 unknown
  vendorid VARCHAR(20)            -- 1 Creative Mobile Technologies, 2 VeriFone
)
SORTKEY (pickup_date);
