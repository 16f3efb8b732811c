import { SnsApiError } from './errors';
import { type PublishTargets, publishMessage } from './publish-message';
import { escapeXml } from './render-sns-xml';
import { subscribeToTopic } from './subscribe-to-topic';

/** The `Attributes.entry.N.key` / `.value` pairs of a CreateTopic request. */
function attributesOf(parameters: ReadonlyMap<string, string>): Map<string, string> {
  const attributes = new Map<string, string>();
  for (let index = 1; parameters.has(`Attributes.entry.${index}.key`); index++) {
    attributes.set(
      parameters.get(`Attributes.entry.${index}.key`) ?? '',
      parameters.get(`Attributes.entry.${index}.value`) ?? '',
    );
  }
  return attributes;
}

/**
 * Runs the awsQuery action a request names (Publish, CreateTopic, ListTopics, Subscribe) and returns
 * the action's name with its result XML; an unknown action is `InvalidAction`.
 *
 * @example
 * ```ts
 * const [action, resultXml] = routeSnsAction(new Map([['Action', 'ListTopics']]), targets);
 * ```
 */
export function routeSnsAction(
  parameters: ReadonlyMap<string, string>,
  targets: PublishTargets,
): [string, string | Promise<string>] {
  const action = parameters.get('Action') ?? '';
  switch (action) {
    case 'Publish':
      return [action, publishMessage(parameters, targets)];
    case 'CreateTopic': {
      const name = parameters.get('Name');
      if (name === undefined)
        throw new SnsApiError(
          'InvalidParameter',
          'Invalid parameter: Name Reason: no value for required parameter',
          400,
        );
      return [
        action,
        `<TopicArn>${escapeXml(targets.topics.create(name, attributesOf(parameters)))}</TopicArn>`,
      ];
    }
    case 'ListTopics':
      return [
        action,
        `<Topics>${targets.topics
          .arns()
          .map((arn) => `<member><TopicArn>${escapeXml(arn)}</TopicArn></member>`)
          .join('')}</Topics>`,
      ];
    case 'Subscribe':
      return [action, subscribeToTopic(parameters, targets.topics)];
    default:
      throw new SnsApiError(
        'InvalidAction',
        `Could not find operation ${JSON.stringify(action)} for version 2010-03-31`,
        400,
      );
  }
}
