-- nyc_yellow_taxi: one row per trip of the NYC TLC yellow taxi trip records, 2015 schema
-- (https://www.nyc.gov/site/tlc/about/tlc-trip-record-data.page: the 2015 files carry pickup and
-- dropoff coordinates, not the location ids introduced mid-2016). The TLC's tpep_*_datetime
-- columns are split into a date and a time, so the monthly view and the sort key use the date.
-- Files loaded by run_elt_process are pipe-delimited, columns in the order below, no header.
CREATE TABLE IF NOT EXISTS nyc_yellow_taxi (
  pickup_date DATE NOT NULL,                -- date part of tpep_pickup_datetime, New York time
  pickup_time TIME,                         -- time part of tpep_pickup_datetime
  dropoff_date DATE,                        -- date part of tpep_dropoff_datetime
  dropoff_time TIME,                        -- time part of tpep_dropoff_datetime
  vendorid SMALLINT,                        -- 1 Creative Mobile Technologies, 2 VeriFone
  passenger_count SMALLINT,                 -- as entered by the driver
  trip_distance REAL,                       -- miles, from the taximeter
  ratecodeid SMALLINT,                      -- 1 standard, 2 JFK, 3 Newark, 4 Nassau/Westchester, 5 negotiated, 6 group
  store_and_fwd_flag CHAR(1),               -- Y when the trip was stored before sending, else N
  pickup_longitude DOUBLE PRECISION,
  pickup_latitude DOUBLE PRECISION,
  dropoff_longitude DOUBLE PRECISION,
  dropoff_latitude DOUBLE PRECISION,
  payment_type SMALLINT,                    -- 1 card, 2 cash, 3 no charge, 4 dispute, 5 unknown, 6 voided
  fare_amount REAL,                         -- dollars; time-and-distance fare
  extra REAL,                               -- rush hour and overnight charges
  mta_tax REAL,
  tip_amount REAL,                          -- card tips only
  tolls_amount REAL,
  improvement_surcharge REAL,
  total_amount REAL                         -- charged to passengers, cash tips excluded
)
SORTKEY (pickup_date);
