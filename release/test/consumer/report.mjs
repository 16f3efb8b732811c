// How a consumer script hands its observations to the test: one line `RESULT <json>` on stdout
// (bigints, dates and byte arrays spelt out so the test can see their types).
export function report(result) {
  const json = JSON.stringify(result, (_key, value) => {
    if (typeof value === 'bigint') return { bigint: value.toString() };
    if (value instanceof Uint8Array) return { bytes: Array.from(value) };
    return value;
  });
  process.stdout.write(`RESULT ${json}\n`);
}

/** The type of each value of a row, as the test expects to see it (`Date` is told apart from object). */
export function typesOf(row) {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key,
      value === null ? 'null' : value instanceof Date ? 'Date' : typeof value,
    ]),
  );
}
