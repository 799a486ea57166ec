/**
 * Route 53 errors as the mock raises them. Codes and HTTP statuses are the real ones (SDK model
 * `com.amazonaws.route53#…` and the API Reference "Errors" sections); message wording is copied
 * from real responses where we have seen them and marked UNCONFIRMED in docs/mock-route53.md
 * where we have not.
 */
export class Route53MockError extends Error {
  override readonly name = 'Route53MockError';
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly type: 'Sender' | 'Receiver' = 'Sender',
    /** InvalidChangeBatch only: one entry per problem in the batch. */
    readonly messages: readonly string[] = [],
  ) {
    super(message);
  }
}

export function invalidInput(message: string): Route53MockError {
  return new Route53MockError('InvalidInput', message);
}

/** Route 53 reports every problem of a rejected batch at once, in brackets. */
export function invalidChangeBatch(messages: readonly string[]): Route53MockError {
  return new Route53MockError('InvalidChangeBatch', `[${messages.join(', ')}]`, 400, 'Sender', messages);
}

export function noSuchHostedZone(id: string): Route53MockError {
  return new Route53MockError('NoSuchHostedZone', `No hosted zone found with ID: ${id}`, 404);
}

export function noSuchChange(id: string): Route53MockError {
  return new Route53MockError('NoSuchChange', `A change with the specified change ID does not exist: ${id}`, 404);
}

export function noSuchHealthCheck(id: string): Route53MockError {
  return new Route53MockError('NoSuchHealthCheck', `A health check with id ${id} does not exist.`, 404);
}

export function throttling(): Route53MockError {
  return new Route53MockError('Throttling', 'Rate exceeded');
}

export function priorRequestNotComplete(): Route53MockError {
  return new Route53MockError(
    'PriorRequestNotComplete',
    'The request was rejected because Route 53 was still processing a prior request.',
  );
}

export function internalFailure(status: 500 | 503): Route53MockError {
  return status === 503
    ? new Route53MockError('ServiceUnavailable', 'Service is unavailable. Please try again.', 503, 'Receiver')
    : new Route53MockError('InternalFailure', 'An internal error occurred. Please try again.', 500, 'Receiver');
}

/** XML-schema failures read "Invalid XML ; cvc-…" on the real service. */
export function invalidXml(detail: string): Route53MockError {
  return invalidInput(`Invalid XML ; ${detail}`);
}
