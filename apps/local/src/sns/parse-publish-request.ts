import { SnsApiError } from './errors';

/** A message attribute as Publish received it. */
export interface SnsMessageAttribute {
  /** `String`, `String.Array`, `Number` or `Binary`, optionally with a custom suffix (`String.json`). */
  readonly dataType: string;
  readonly stringValue?: string;
  readonly binaryValue?: Buffer;
}

/** A validated Publish request. */
export interface PublishRequest {
  readonly topicArn?: string;
  readonly targetArn?: string;
  readonly phoneNumber?: string;
  /** The `Message` parameter as sent. */
  readonly message: string;
  readonly subject?: string;
  /** With `MessageStructure=json`: the string value per protocol key, always with `default`. */
  readonly messageVariants?: Readonly<Record<string, string>>;
  readonly messageAttributes: Readonly<Record<string, SnsMessageAttribute>>;
  readonly messageGroupId?: string;
  readonly messageDeduplicationId?: string;
}

/** Largest message (body plus attributes) a topic accepts by default. */
export const maximumMessageBytes = 262_144;
const maximumAttributes = 10;

function invalid(message: string): SnsApiError {
  return new SnsApiError('InvalidParameter', message, 400);
}

function invalidValue(message: string): SnsApiError {
  return new SnsApiError('ParameterValueInvalid', message, 400);
}

function preview(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

/** Returns the first key that appears twice at the top level of a JSON object text, if any. */
function duplicateTopLevelKey(json: string): string | undefined {
  const seen = new Set<string>();
  let depth = 0;
  let index = 0;
  while (index < json.length) {
    const character = json[index];
    if (character === '"') {
      let end = index + 1;
      while (end < json.length && json[end] !== '"') end += json[end] === '\\' ? 2 : 1;
      if (depth === 1) {
        let after = end + 1;
        while (/\s/.test(json[after] ?? '')) after++;
        if (json[after] === ':') {
          const key = String(JSON.parse(json.slice(index, end + 1))); // a JSON string literal: always a string
          if (seen.has(key)) return key;
          seen.add(key);
        }
      }
      index = end + 1;
      continue;
    }
    if (character === '{' || character === '[') depth++;
    else if (character === '}' || character === ']') depth--;
    index++;
  }
  return undefined;
}

function parseMessageStructure(message: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch (error) {
    throw new SnsApiError(
      'InvalidParameter',
      `Invalid parameter: Message Structure - JSON message body failed to parse (${error instanceof Error ? error.message : String(error)})`,
      400,
      { cause: error },
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalid(
      `Invalid parameter: Message Structure - JSON message body must be an object, got ${preview(message)}`,
    );
  }
  const duplicate = duplicateTopLevelKey(message);
  if (duplicate !== undefined) {
    throw invalid(
      `Invalid parameter: Message Structure - JSON message body has the key "${duplicate}" more than once`,
    );
  }
  const variants: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    // SNS ignores protocol keys whose value is not a string.
    if (typeof value === 'string') variants[key] = value;
  }
  if (variants.default === undefined) {
    throw invalid('Invalid parameter: Message Structure - No default entry in JSON message body');
  }
  return variants;
}

function validateSubject(subject: string): void {
  if (subject.length === 0) throw invalid('Invalid parameter: Subject - must not be empty');
  if ([...subject].length >= 100) {
    throw invalid(
      `Invalid parameter: Subject - must be fewer than 100 characters, got ${[...subject].length}: ${preview(subject)}`,
    );
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused.
  const control = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.exec(subject);
  if (control) {
    throw invalid(
      `Invalid parameter: Subject - must not contain line breaks or control characters, found U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} in ${JSON.stringify(subject)}`,
    );
  }
}

function parseMessageAttributes(
  parameters: ReadonlyMap<string, string>,
): Record<string, SnsMessageAttribute> {
  const attributes: Record<string, SnsMessageAttribute> = {};
  for (let index = 1; parameters.has(`MessageAttributes.entry.${index}.Name`); index++) {
    const prefix = `MessageAttributes.entry.${index}`;
    const name = parameters.get(`${prefix}.Name`) ?? '';
    const dataType = parameters.get(`${prefix}.Value.DataType`);
    const stringValue = parameters.get(`${prefix}.Value.StringValue`);
    const binaryValue = parameters.get(`${prefix}.Value.BinaryValue`);
    if (
      name.length === 0 ||
      name.length > 256 ||
      !/^[A-Za-z0-9_.-]+$/.test(name) ||
      name.startsWith('.') ||
      name.endsWith('.') ||
      name.includes('..') ||
      /^(aws|amazon)\./i.test(name)
    ) {
      throw invalidValue(
        `The message attribute name ${JSON.stringify(name)} is invalid: use 1-256 of A-Z a-z 0-9 _ - ., no leading, trailing or repeated ".", and no "AWS."/"Amazon." prefix`,
      );
    }
    if (attributes[name]) throw invalidValue(`The message attribute name "${name}" is given more than once`);
    if (dataType === undefined || dataType === '') {
      throw invalidValue(`The message attribute "${name}" must contain non-empty message attribute type`);
    }
    const baseType = /^(String\.Array|String|Number|Binary)(\.[A-Za-z0-9_.-]+)?$/.exec(dataType)?.[1];
    if (!baseType) {
      throw invalidValue(
        `The message attribute "${name}" has an invalid message attribute type ${JSON.stringify(dataType)}, the set of supported type prefixes is Binary, Number, and String`,
      );
    }
    if (baseType === 'Binary') {
      if (binaryValue === undefined)
        throw invalidValue(`The message attribute "${name}" with type "Binary" must contain a binary value`);
      attributes[name] = { dataType, binaryValue: Buffer.from(binaryValue, 'base64') };
      continue;
    }
    if (stringValue === undefined) {
      throw invalidValue(
        `The message attribute "${name}" with type "${dataType}" must contain a non-empty message attribute value`,
      );
    }
    if (baseType === 'Number' && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(stringValue.trim())) {
      throw invalidValue(
        `The message attribute "${name}" has type Number but value ${JSON.stringify(stringValue)} is not a number`,
      );
    }
    if (baseType === 'String.Array') {
      let array: unknown;
      try {
        array = JSON.parse(stringValue);
      } catch (error) {
        throw new SnsApiError(
          'ParameterValueInvalid',
          `The message attribute "${name}" has type String.Array but value ${JSON.stringify(stringValue)} is not a JSON array`,
          400,
          { cause: error },
        );
      }
      if (!Array.isArray(array)) {
        throw invalidValue(
          `The message attribute "${name}" has type String.Array but value ${JSON.stringify(stringValue)} is not a JSON array`,
        );
      }
    }
    attributes[name] = { dataType, stringValue };
  }
  if (Object.keys(attributes).length > maximumAttributes) {
    throw invalid(
      `Invalid parameter: MessageAttributes - at most ${maximumAttributes} attributes, got ${Object.keys(attributes).length}`,
    );
  }
  return attributes;
}

function messageBytes(message: string, attributes: Record<string, SnsMessageAttribute>): number {
  let total = Buffer.byteLength(message, 'utf8');
  for (const [name, attribute] of Object.entries(attributes)) {
    total += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(attribute.dataType, 'utf8');
    total += attribute.binaryValue?.length ?? Buffer.byteLength(attribute.stringValue ?? '', 'utf8');
  }
  return total;
}

/**
 * Validates the parameters of an awsQuery `Publish` request by SNS's rules.
 *
 * @throws SnsApiError `InvalidParameter` or `ParameterValueInvalid` naming the bad value.
 *
 * @example
 * ```ts
 * const request = parsePublishRequest(new Map([['TopicArn', arn], ['Message', 'hello']]));
 * ```
 */
export function parsePublishRequest(parameters: ReadonlyMap<string, string>): PublishRequest {
  const topicArn = parameters.get('TopicArn');
  const targetArn = parameters.get('TargetArn');
  const phoneNumber = parameters.get('PhoneNumber');
  const destinations = [topicArn, targetArn, phoneNumber].filter((value) => value !== undefined);
  if (destinations.length === 0) {
    throw invalid('Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter');
  }
  if (destinations.length > 1) {
    throw invalid(
      'Invalid parameter: TopicArn, TargetArn and PhoneNumber are mutually exclusive; give only one',
    );
  }
  for (const [label, arn] of [
    ['TopicArn', topicArn],
    ['TargetArn', targetArn],
  ] as const) {
    if (arn !== undefined && !/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.\-/]+$/.test(arn)) {
      throw invalid(`Invalid parameter: ${label} Reason: ${JSON.stringify(arn)} is not an SNS ARN`);
    }
  }
  if (phoneNumber !== undefined && !/^\+[1-9]\d{1,14}$/.test(phoneNumber)) {
    throw invalid(
      `Invalid parameter: PhoneNumber Reason: ${JSON.stringify(phoneNumber)} is not an E.164 number such as +14155550100`,
    );
  }
  const message = parameters.get('Message');
  if (message === undefined) {
    throw new SnsApiError(
      'ValidationError',
      "1 validation error detected: Value null at 'message' failed to satisfy constraint: Member must not be null",
      400,
    );
  }
  if (message.length === 0) throw invalid('Invalid parameter: Empty message');
  const subject = parameters.get('Subject');
  if (subject !== undefined) validateSubject(subject);
  const structure = parameters.get('MessageStructure');
  if (structure !== undefined && structure !== 'json') {
    throw invalid(
      `Invalid parameter: MessageStructure - only "json" is supported, got ${JSON.stringify(structure)}`,
    );
  }
  const messageVariants = structure === 'json' ? parseMessageStructure(message) : undefined;
  const messageAttributes = parseMessageAttributes(parameters);
  const size = messageBytes(message, messageAttributes);
  if (size > maximumMessageBytes) {
    throw invalid(
      `Invalid parameter: Message too long: ${size} bytes with attributes; the limit is ${maximumMessageBytes} bytes`,
    );
  }
  const messageGroupId = parameters.get('MessageGroupId');
  const messageDeduplicationId = parameters.get('MessageDeduplicationId');
  return {
    ...(topicArn !== undefined && { topicArn }),
    ...(targetArn !== undefined && { targetArn }),
    ...(phoneNumber !== undefined && { phoneNumber }),
    message,
    ...(subject !== undefined && { subject }),
    ...(messageVariants !== undefined && { messageVariants }),
    messageAttributes,
    ...(messageGroupId !== undefined && { messageGroupId }),
    ...(messageDeduplicationId !== undefined && { messageDeduplicationId }),
  };
}
