import { SeedError } from '../errors';
import type { Trip } from './generate-trip';

const pad = (value: number): string => (value < 10 ? `0${value}` : String(value));
const millisecondsPerDay = 86_400_000;
// Trips span about a year: one Date per distinct day, not one per field.
const dateTexts = new Map<number, string>();
const datePart = (time: number): string => {
  const day = Math.floor(time / millisecondsPerDay);
  let text = dateTexts.get(day);
  if (text === undefined) {
    const date = new Date(day * millisecondsPerDay);
    text = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
    dateTexts.set(day, text);
  }
  return text;
};
const timePart = (time: number): string => {
  const seconds = Math.floor((time - Math.floor(time / millisecondsPerDay) * millisecondsPerDay) / 1000);
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
};
const money = (value: number): string => value.toFixed(2);

type TripFormatter = (trip: Trip) => string;

const formatters: Record<string, TripFormatter> = {
  vendorid: (trip) => String(trip.vendorId),
  vendor_id: (trip) => String(trip.vendorId),
  vendor_name: (trip) => (trip.vendorId === 1 ? 'CMT' : 'VTS'),
  pickup_datetime: (trip) => `${datePart(trip.pickupTime)} ${timePart(trip.pickupTime)}`,
  tpep_pickup_datetime: (trip) => `${datePart(trip.pickupTime)} ${timePart(trip.pickupTime)}`,
  dropoff_datetime: (trip) => `${datePart(trip.dropoffTime)} ${timePart(trip.dropoffTime)}`,
  tpep_dropoff_datetime: (trip) => `${datePart(trip.dropoffTime)} ${timePart(trip.dropoffTime)}`,
  pickup_date: (trip) => datePart(trip.pickupTime),
  pickup_time: (trip) => timePart(trip.pickupTime),
  dropoff_date: (trip) => datePart(trip.dropoffTime),
  dropoff_time: (trip) => timePart(trip.dropoffTime),
  passenger_count: (trip) => String(trip.passengerCount),
  trip_distance: (trip) => money(trip.tripDistance),
  pickup_longitude: (trip) => String(trip.pickupLongitude),
  pickup_latitude: (trip) => String(trip.pickupLatitude),
  dropoff_longitude: (trip) => String(trip.dropoffLongitude),
  dropoff_latitude: (trip) => String(trip.dropoffLatitude),
  ratecodeid: (trip) => String(trip.rateCodeId),
  ratecode: (trip) => String(trip.rateCodeId),
  rate_code: (trip) => String(trip.rateCodeId),
  rate_code_id: (trip) => String(trip.rateCodeId),
  store_and_fwd_flag: (trip) => trip.storeAndForwardFlag,
  payment_type: (trip) => String(trip.paymentType),
  fare_amount: (trip) => money(trip.fareAmount),
  extra: (trip) => money(trip.extra),
  mta_tax: (trip) => money(trip.mtaTax),
  tip_amount: (trip) => money(trip.tipAmount),
  tolls_amount: (trip) => money(trip.tollsAmount),
  improvement_surcharge: (trip) => money(trip.improvementSurcharge),
  total_amount: (trip) => money(trip.totalAmount),
  pulocationid: (trip) => String(trip.pickupLocationId),
  dolocationid: (trip) => String(trip.dropoffLocationId),
};

/**
 * The reference sample's layout of 2015 yellow-taxi trips (`nyc_yellow_taxi` in sql/setup), in file
 * order: used when no table definition is at hand.
 */
export const nycYellowTaxiColumns: readonly string[] = [
  'pickup_date',
  'pickup_datetime',
  'dropoff_datetime',
  'ratecode',
  'passenger_count',
  'trip_distance',
  'fare_amount',
  'total_amount',
  'payment_type',
  'vendorid',
];

/**
 * Builds a function that writes a trip as one pipe-delimited line with the given columns, in
 * order. Column names are matched case-insensitively against the TLC names and common variants.
 *
 * @throws SeedError naming the column when a column has no generator.
 * @example
 * const format = tripRowFormatter(['pickup_date', 'trip_distance']);
 * format(trip); // "2015-03-14|1.72"
 */
export function tripRowFormatter(columns: readonly string[]): (trip: Trip) => string {
  if (columns.length === 0) throw new SeedError('the trip table has no columns to generate', columns);
  const parts = columns.map((column) => {
    const formatter = formatters[column.toLowerCase()];
    if (!formatter) {
      throw new SeedError(
        `column "${column}" has no sample-data generator; known columns: ${Object.keys(formatters).join(', ')}`,
        column,
      );
    }
    return formatter;
  });
  return (trip) => parts.map((format) => format(trip)).join('|');
}
