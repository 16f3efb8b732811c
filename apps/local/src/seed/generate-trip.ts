import type { SeededRandom } from './seeded-random';
import { tripExtra } from './trip-extra';
import { tripFare } from './trip-fare';
import { cents, clamp, coordinate } from './trip-rounding';
import { tripTip } from './trip-tip';

/** One synthetic NYC yellow-taxi trip, shaped like the TLC's 2015 trip records. */
export interface Trip {
  /** 1 = Creative Mobile Technologies, 2 = VeriFone. */
  vendorId: 1 | 2;
  /** Pickup wall-clock time in New York, as milliseconds since the epoch read in UTC. */
  pickupTime: number;
  /** Drop-off wall-clock time in New York, as milliseconds since the epoch read in UTC. */
  dropoffTime: number;
  passengerCount: number;
  /** Miles, two decimals. */
  tripDistance: number;
  pickupLongitude: number;
  pickupLatitude: number;
  dropoffLongitude: number;
  dropoffLatitude: number;
  /** 1 standard, 2 JFK, 3 Newark, 4 Nassau/Westchester, 5 negotiated, 6 group ride; 99 (a few trips a month in 2015) unknown. */
  rateCodeId: 1 | 2 | 3 | 4 | 5 | 6 | 99;
  storeAndForwardFlag: 'Y' | 'N';
  /** 1 credit card, 2 cash, 3 no charge, 4 dispute. */
  paymentType: 1 | 2 | 3 | 4;
  fareAmount: number;
  extra: number;
  mtaTax: number;
  tipAmount: number;
  tollsAmount: number;
  improvementSurcharge: number;
  totalAmount: number;
  pickupLocationId: number;
  dropoffLocationId: number;
}

const year2015Start = Date.UTC(2015, 0, 1);
/** Day of 2015 each month starts on (0 = January 1st), and the day after the year. */
const monthStartDays = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];
const months = Array.from({ length: 12 }, (_, month) => month);
/**
 * Yellow-taxi trips per month of 2015, in thousands (TLC trip record files, January to December,
 * rounded): busiest in March–May, quietest in August.
 */
const monthWeights = [
  12_749, 12_451, 13_352, 13_072, 13_158, 12_325, 11_563, 11_130, 11_225, 12_315, 11_313, 11_461,
];
const hours = Array.from({ length: 24 }, (_, hour) => hour);
/** Share of trips starting in each hour of the day (TLC 2015 pattern: quiet at 5 am, busy at 7 pm). */
const hourWeights = [
  3.9, 2.9, 2.2, 1.6, 1.2, 1.1, 2.2, 3.6, 4.4, 4.4, 4.3, 4.5, 4.7, 4.7, 4.9, 4.7, 4.1, 4.8, 6.0, 6.2, 5.6,
  5.4, 5.3, 4.7,
];
const passengerCounts = [0, 1, 2, 3, 4, 5, 6];
const passengerWeights = [0.03, 70.5, 14.2, 4.1, 2.0, 5.3, 3.9];
const rateCodes = [1, 2, 3, 4, 5, 6, 99] as const;
const rateCodeWeights = [97.2, 2.0, 0.15, 0.05, 0.59, 0.01, 0.002];
const paymentTypes = [1, 2, 3, 4] as const;
const paymentWeights = [62.0, 37.2, 0.6, 0.2];
const timesSquare = { longitude: -73.9855, latitude: 40.758 };
const jfk = { longitude: -73.7781, latitude: 40.6413 };
const newark = { longitude: -74.1745, latitude: 40.6895 };
const degreesLatitudePerMile = 1 / 69;
const degreesLongitudePerMile = 1 / 52.4;
const standardToll = 5.54;

/**
 * Generates one trip from `random`: distance log-normal (median about 1.7 miles) plus airport
 * runs, fare = $2.50 + $2.50 a mile + $0.50 a slow minute (JFK flat $52), tips mostly on card
 * payments, passengers 1–6 skewed to 1 (0 now and then, as drivers entered it), rate codes mostly 1,
 * pickups across 2015 in the months' real proportions, drop-off 30 seconds or more after pickup.
 *
 * @example
 * const trip = generateTrip(createSeededRandom(1));
 * trip.totalAmount >= trip.fareAmount; // true
 */
export function generateTrip(random: SeededRandom): Trip {
  const month = random.weighted(months, monthWeights);
  const firstDay = monthStartDays[month]!;
  const day = firstDay + Math.floor(random.next() * (monthStartDays[month + 1]! - firstDay));
  const hour = random.weighted(hours, hourWeights);
  const secondOfHour = Math.floor(random.next() * 3600);
  const pickupTime = year2015Start + day * 86_400_000 + hour * 3_600_000 + secondOfHour * 1000;
  const weekday = new Date(pickupTime).getUTCDay();
  const rateCodeId = random.weighted(rateCodes, rateCodeWeights);

  const airport = rateCodeId === 2 || rateCodeId === 3 || random.next() < 0.025;
  const tripDistance = airport
    ? cents(clamp(random.normal(rateCodeId === 3 ? 16 : 17.5, 2.5), 8, 40))
    : cents(clamp(Math.exp(random.normal(Math.log(1.7), 0.72)), 0.1, 45));
  const speedMilesPerHour = clamp(Math.exp(random.normal(Math.log(airport ? 19 : 11), 0.3)), 3, 45);
  const drivingSeconds = Math.round((tripDistance / speedMilesPerHour) * 3600) + random.integer(30, 180);
  const dropoffTime = pickupTime + drivingSeconds * 1000;
  const slowMinutes = (drivingSeconds / 60) * clamp(random.normal(0.3, 0.1), 0, 0.8);

  const fareAmount = tripFare(rateCodeId, tripDistance, slowMinutes, random);

  const extra = tripExtra(rateCodeId, hour, weekday);
  const mtaTax = rateCodeId === 5 ? 0 : 0.5;
  const improvementSurcharge = 0.3;
  const tollsAmount = (airport ? random.next() < 0.55 : random.next() < 0.03) ? standardToll : 0;
  const paymentType = random.weighted(paymentTypes, paymentWeights);
  const tipAmount = tripTip(paymentType, fareAmount, extra, random);
  const totalAmount = cents(fareAmount + extra + mtaTax + tipAmount + tollsAmount + improvementSurcharge);

  const origin = rateCodeId === 2 && random.next() < 0.5 ? jfk : timesSquare;
  const pickupLongitude = coordinate(origin.longitude + random.normal(0, origin === jfk ? 0.004 : 0.02));
  const pickupLatitude = coordinate(origin.latitude + random.normal(0, origin === jfk ? 0.004 : 0.03));
  let dropoffLongitude: number;
  let dropoffLatitude: number;
  if (airport && origin !== jfk) {
    const airportDestination = rateCodeId === 3 ? newark : jfk;
    dropoffLongitude = coordinate(airportDestination.longitude + random.normal(0, 0.004));
    dropoffLatitude = coordinate(airportDestination.latitude + random.normal(0, 0.004));
  } else {
    const bearing = random.next() * 2 * Math.PI;
    const straightMiles = tripDistance / 1.3;
    dropoffLongitude = coordinate(
      pickupLongitude + Math.cos(bearing) * straightMiles * degreesLongitudePerMile,
    );
    dropoffLatitude = coordinate(pickupLatitude + Math.sin(bearing) * straightMiles * degreesLatitudePerMile);
  }

  return {
    vendorId: random.next() < 0.53 ? 2 : 1,
    pickupTime,
    dropoffTime,
    passengerCount: random.weighted(passengerCounts, passengerWeights),
    tripDistance,
    pickupLongitude,
    pickupLatitude,
    dropoffLongitude,
    dropoffLatitude,
    rateCodeId,
    storeAndForwardFlag: random.next() < 0.008 ? 'Y' : 'N',
    paymentType,
    fareAmount,
    extra,
    mtaTax,
    tipAmount,
    tollsAmount,
    improvementSurcharge,
    totalAmount,
    pickupLocationId: random.integer(1, 263),
    dropoffLocationId: random.integer(1, 263),
  };
}
