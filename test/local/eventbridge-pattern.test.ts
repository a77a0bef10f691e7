import { matchesPattern } from '../../local/eventbridge/pattern';
import { validatePattern } from '../../local/eventbridge/pattern-validation';

// Example events from the Amazon EventBridge user guide ("Amazon EventBridge event patterns",
// "Matching null values and empty strings") and the aws/event-ruler README.
const ec2TerminatedEvent = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
};

const autoScalingEvent = {
  version: '0',
  id: '3e3c153a-8339-4e30-8c35-687ebef853fe',
  'detail-type': 'EC2 Instance Launch Successful',
  source: 'aws.autoscaling',
  account: '123456789012',
  time: '2015-11-11T21:31:47Z',
  region: 'us-east-1',
  resources: [],
  detail: { eventVersion: '', responseElements: null },
};

const rulerExampleEvent = {
  version: '0',
  id: 'ddddd4-aaaa-7777-4444-345dd43cc333',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '012345679012',
  time: '2017-10-02T16:24:49Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
  detail: {
    'c-count': 5,
    'd-count': 3,
    'x-limit': 301.8,
    'source-ip': '10.0.0.33',
    'instance-id': 'i-000000aaaaaa00000',
    state: 'running',
  },
};

const withDetail = (detail: Record<string, unknown>): Record<string, unknown> => ({ ...rulerExampleEvent, detail });

describe('matchesPattern: documented structure rules', () => {
  it('matches the EC2 termination example event with the documented pattern', () => {
    // Prepare
    const pattern = {
      source: ['aws.ec2'],
      'detail-type': ['EC2 Instance State-change Notification'],
      detail: { state: ['terminated'] },
    };

    // Act
    const matched = matchesPattern(pattern, ec2TerminatedEvent);

    // Assess
    expect(matched).toBe(true);
  });

  it('does not match when a nested value differs', () => {
    // Prepare
    const pattern = { source: ['aws.ec2'], detail: { state: ['terminated'] } };
    const runningEvent = { ...ec2TerminatedEvent, detail: { ...ec2TerminatedEvent.detail, state: 'running' } };

    // Act
    const matched = matchesPattern(pattern, runningEvent);

    // Assess
    expect(matched).toBe(false);
  });

  it('requires every field named in the pattern to be present in the event', () => {
    // Prepare
    const pattern = { source: ['aws.ec2'], detail: { 'previous-state': ['running'] } };

    // Act
    const matched = matchesPattern(pattern, ec2TerminatedEvent);

    // Assess
    expect(matched).toBe(false);
  });

  it('requires the same nesting structure, so a top-level field does not match a nested one', () => {
    // Prepare
    const pattern = { state: ['terminated'] };

    // Act
    const matched = matchesPattern(pattern, ec2TerminatedEvent);

    // Assess
    expect(matched).toBe(false);
  });

  it.each([
    ['aws.ec2', true],
    ['aws.fargate', true],
    ['aws.s3', false],
  ])('matches source %s against ["aws.ec2", "aws.fargate"]: %s', (source, expected) => {
    // Prepare
    const pattern = { source: ['aws.ec2', 'aws.fargate'] };

    // Act
    const matched = matchesPattern(pattern, { ...ec2TerminatedEvent, source });

    // Assess
    expect(matched).toBe(expected);
  });

  it('matches the Macie example on nested numeric values', () => {
    // Prepare
    const pattern = {
      source: ['aws.macie'],
      'detail-type': ['Macie Alert'],
      detail: { 'risk-score': [80], trigger: { risk: [8] } },
    };
    const event = {
      source: 'aws.macie',
      'detail-type': 'Macie Alert',
      detail: { 'risk-score': 80, trigger: { 'alert-type': 'basic', risk: 8 } },
    };

    // Act
    const matched = matchesPattern(pattern, event);

    // Assess
    expect(matched).toBe(true);
  });

  it('compares numbers numerically, so 300 in the pattern matches 300.0 in the event JSON', () => {
    // Prepare
    const pattern = { detail: { 'x-limit': [300] } };
    const event: unknown = JSON.parse('{"detail": {"x-limit": 300.0}}');

    // Act
    const matched = matchesPattern(pattern, event);

    // Assess
    expect(matched).toBe(true);
  });

  it('distinguishes the boolean true from the string "true"', () => {
    // Prepare
    const pattern = { detail: { enabled: [true] } };

    // Act
    const matchedBoolean = matchesPattern(pattern, { detail: { enabled: true } });
    const matchedString = matchesPattern(pattern, { detail: { enabled: 'true' } });

    // Assess
    expect(matchedBoolean).toBe(true);
    expect(matchedString).toBe(false);
  });

  it('is case-sensitive for plain string values', () => {
    // Prepare
    const pattern = { source: ['AWS.EC2'] };

    // Act
    const matched = matchesPattern(pattern, ec2TerminatedEvent);

    // Assess
    expect(matched).toBe(false);
  });
});

describe('matchesPattern: null values and empty strings', () => {
  it('matches an empty string with [""]', () => {
    // Prepare
    const pattern = { detail: { eventVersion: [''] } };

    // Act
    const matched = matchesPattern(pattern, autoScalingEvent);

    // Assess
    expect(matched).toBe(true);
  });

  it('matches a null value with [null]', () => {
    // Prepare
    const pattern = { detail: { responseElements: [null] } };

    // Act
    const matched = matchesPattern(pattern, autoScalingEvent);

    // Assess
    expect(matched).toBe(true);
  });

  it('does not treat null and the empty string as interchangeable', () => {
    // Prepare
    const emptyAgainstNull = { detail: { responseElements: [''] } };
    const nullAgainstEmpty = { detail: { eventVersion: [null] } };

    // Act
    const results = [
      matchesPattern(emptyAgainstNull, autoScalingEvent),
      matchesPattern(nullAgainstEmpty, autoScalingEvent),
    ];

    // Assess
    expect(results).toEqual([false, false]);
  });

  it('does not match [null] against a field that is absent', () => {
    // Prepare
    const pattern = { detail: { missing: [null] } };

    // Act
    const matched = matchesPattern(pattern, autoScalingEvent);

    // Assess
    expect(matched).toBe(false);
  });
});

describe('matchesPattern: arrays', () => {
  const resourcesPattern = {
    resources: [
      'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
      'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
      'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f',
    ],
  };

  it('matches when the pattern array and the event array intersect', () => {
    // Prepare
    const event = {
      resources: [
        'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:' +
          'autoScalingGroupName/ASGTerminate',
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
      ],
    };

    // Act
    const matched = matchesPattern(resourcesPattern, event);

    // Assess
    expect(matched).toBe(true);
  });

  it('does not match when the arrays share no value', () => {
    // Prepare
    const event = { resources: ['arn:aws:ec2:us-east-1:999999999999:instance/i-b188560f'] };

    // Act
    const matched = matchesPattern(resourcesPattern, event);

    // Assess
    expect(matched).toBe(false);
  });

  it('does not match an empty event array', () => {
    // Prepare
    const pattern = { resources: [{ prefix: 'arn:' }] };

    // Act
    const matched = matchesPattern(pattern, autoScalingEvent);

    // Assess
    expect(matched).toBe(false);
  });

  const employees = {
    employees: [
      { firstName: 'John', lastName: 'Doe' },
      { firstName: 'Anna', lastName: 'Smith' },
      { firstName: 'Peter', lastName: 'Jones' },
    ],
  };

  it('matches a nested pattern against any object in an event array', () => {
    // Prepare
    const pattern = { employees: { firstName: ['Anna'] } };

    // Act
    const matched = matchesPattern(pattern, employees);

    // Assess
    expect(matched).toBe(true);
  });

  it('does not combine fields taken from different array elements', () => {
    // Prepare
    const pattern = { employees: { firstName: ['Anna'], lastName: ['Jones'] } };

    // Act
    const matched = matchesPattern(pattern, employees);

    // Assess
    expect(matched).toBe(false);
  });

  it('crushes out multi-level arrays in the event', () => {
    // Prepare
    const pattern = { employees: { firstName: ['Peter'] } };
    const event = { employees: [[{ firstName: 'John' }, { firstName: 'Anna' }], [{ firstName: 'Peter' }]] };

    // Act
    const matched = matchesPattern(pattern, event);

    // Assess
    expect(matched).toBe(true);
  });
});

describe('matchesPattern: prefix and suffix', () => {
  it.each([
    ['2017-10-02T18:43:48Z', true],
    ['2017-10-03T18:43:48Z', false],
  ])('matches time %s against prefix "2017-10-02": %s', (time, expected) => {
    // Prepare
    const pattern = { time: [{ prefix: '2017-10-02' }] };

    // Act
    const matched = matchesPattern(pattern, { time });

    // Assess
    expect(matched).toBe(expected);
  });

  it('applies prefix only to string values', () => {
    // Prepare
    const pattern = { detail: { 'c-count': [{ prefix: '5' }] } };

    // Act
    const matched = matchesPattern(pattern, rulerExampleEvent);

    // Assess
    expect(matched).toBe(false);
  });

  it.each([
    ['EventBridge', true],
    ['EVENTBRIDGE', true],
    ['eventbridge', true],
    ['Amazon EventBridge', false],
  ])('matches service %s against prefix equals-ignore-case "EventB": %s', (service, expected) => {
    // Prepare
    const pattern = { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } };

    // Act
    const matched = matchesPattern(pattern, { detail: { service } });

    // Assess
    expect(matched).toBe(expected);
  });

  it.each([
    ['image.png', true],
    ['image.jpg', false],
    ['image.PNG', false],
  ])('matches FileName %s against suffix ".png": %s', (FileName, expected) => {
    // Prepare
    const pattern = { FileName: [{ suffix: '.png' }] };

    // Act
    const matched = matchesPattern(pattern, { FileName });

    // Assess
    expect(matched).toBe(expected);
  });

  it.each([
    ['image.PNG', true],
    ['image.Png', true],
    ['image.jpg', false],
  ])('matches FileName %s against suffix equals-ignore-case ".png": %s', (FileName, expected) => {
    // Prepare
    const pattern = { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } };

    // Act
    const matched = matchesPattern(pattern, { detail: { FileName } });

    // Assess
    expect(matched).toBe(expected);
  });
});

describe('matchesPattern: equals-ignore-case and wildcard', () => {
  it.each([
    ['Alice', true],
    ['ALICE', true],
    ['Alicia', false],
  ])('matches Name %s against equals-ignore-case "alice": %s', (Name, expected) => {
    // Prepare
    const pattern = { Name: [{ 'equals-ignore-case': 'alice' }] };

    // Act
    const matched = matchesPattern(pattern, { Name });

    // Assess
    expect(matched).toBe(expected);
  });

  it.each([
    ['SimpleQueueService', true],
    ['SimpleService', true],
    ['Simple Notification Service', true],
    ['SimpleServices', false],
    ['NotSimpleService', false],
  ])('matches source %s against wildcard "Simple*Service": %s', (source, expected) => {
    // Prepare
    const pattern = { source: [{ wildcard: 'Simple*Service' }] };

    // Act
    const matched = matchesPattern(pattern, { source });

    // Assess
    expect(matched).toBe(expected);
  });

  it.each([
    ['a*b', true],
    ['axb', false],
  ])('treats an escaped \\* as a literal asterisk when matching %s: %s', (value, expected) => {
    // Prepare
    const pattern = { value: [{ wildcard: 'a\\*b' }] };

    // Act
    const matched = matchesPattern(pattern, { value });

    // Assess
    expect(matched).toBe(expected);
  });

  it('treats regular-expression characters in a wildcard literally', () => {
    // Prepare
    const pattern = { FilePath: [{ wildcard: 'dir/*.png' }] };

    // Act
    const results = ['dir/cat.png', 'dir/catXpng'].map((FilePath) => matchesPattern(pattern, { FilePath }));

    // Assess
    expect(results).toEqual([true, false]);
  });
});

describe('matchesPattern: anything-but', () => {
  it.each([
    ['running', true],
    ['initializing', false],
  ])('matches state %s against anything-but "initializing": %s', (state, expected) => {
    // Prepare
    const pattern = { detail: { state: [{ 'anything-but': 'initializing' }] } };

    // Act
    const matched = matchesPattern(pattern, withDetail({ state }));

    // Assess
    expect(matched).toBe(expected);
  });

  it('does not match a field that is absent from the event', () => {
    // Prepare
    const pattern = { detail: { state: [{ 'anything-but': 'initializing' }] } };

    // Act
    const matched = matchesPattern(pattern, withDetail({ 'c-count': 5 }));

    // Assess
    expect(matched).toBe(false);
  });

  it.each([
    [122, true],
    [123, false],
  ])('matches x-limit %s against anything-but 123: %s', (limit, expected) => {
    // Prepare
    const pattern = { detail: { 'x-limit': [{ 'anything-but': 123 }] } };

    // Act
    const matched = matchesPattern(pattern, withDetail({ 'x-limit': limit }));

    // Assess
    expect(matched).toBe(expected);
  });

  it.each([
    ['running', true],
    ['stopped', false],
    ['overloaded', false],
  ])('matches state %s against anything-but ["stopped", "overloaded"]: %s', (state, expected) => {
    // Prepare
    const pattern = { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } };

    // Act
    const matched = matchesPattern(pattern, withDetail({ state }));

    // Assess
    expect(matched).toBe(expected);
  });

  it.each([
    [301.8, true],
    [200, false],
  ])('matches x-limit %s against anything-but [100, 200, 300]: %s', (limit, expected) => {
    // Prepare
    const pattern = { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } };

    // Act
    const matched = matchesPattern(pattern, withDetail({ 'x-limit': limit }));

    // Assess
    expect(matched).toBe(expected);
  });

  it.each([
    ['running', true],
    ['initializing', false],
  ])('matches state %s against anything-but prefix "init": %s', (state, expected) => {
    // Prepare
    const pattern = { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } };

    // Act
    const matched = matchesPattern(pattern, withDetail({ state }));

    // Assess
    expect(matched).toBe(expected);
  });

  it.each([
    ['notes.txt', true],
    ['image.png', false],
  ])('matches FileName %s against anything-but suffix ".png": %s', (FileName, expected) => {
    // Prepare
    const pattern = { FileName: [{ 'anything-but': { suffix: '.png' } }] };

    // Act
    const matched = matchesPattern(pattern, { FileName });

    // Assess
    expect(matched).toBe(expected);
  });

  it.each([
    ['running', true],
    ['INITIALIZING', false],
    ['Initializing', false],
  ])('matches state %s against anything-but equals-ignore-case "initializing": %s', (state, expected) => {
    // Prepare
    const pattern = { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] };

    // Act
    const matched = matchesPattern(pattern, { state });

    // Assess
    expect(matched).toBe(expected);
  });

  it.each([
    ['/usr/bin/app', true],
    ['/usr/lib/libc.so', false],
  ])('matches FilePath %s against anything-but wildcard "*/lib/*": %s', (FilePath, expected) => {
    // Prepare
    const pattern = { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] };

    // Act
    const matched = matchesPattern(pattern, { FilePath });

    // Assess
    expect(matched).toBe(expected);
  });
});

describe('matchesPattern: numeric', () => {
  const documentedPattern = {
    detail: {
      'c-count': [{ numeric: ['>', 0, '<=', 5] }],
      'd-count': [{ numeric: ['<', 10] }],
      'x-limit': [{ numeric: ['=', 3.018e2] }],
    },
  };

  it('matches the documented numeric pattern against the example event', () => {
    // Prepare
    const event = rulerExampleEvent;

    // Act
    const matched = matchesPattern(documentedPattern, event);

    // Assess
    expect(matched).toBe(true);
  });

  it.each([
    [0, false],
    [0.5, true],
    [5, true],
    [5.000001, false],
  ])('matches c-count %s against the range ("> 0", "<= 5"): %s', (count, expected) => {
    // Prepare
    const event = withDetail({ ...rulerExampleEvent.detail, 'c-count': count });

    // Act
    const matched = matchesPattern(documentedPattern, event);

    // Assess
    expect(matched).toBe(expected);
  });

  it.each([
    ['=', 10, true],
    ['<', 10, false],
    ['<=', 10, true],
    ['>', 10, false],
    ['>=', 10, true],
    ['>', 9.5, true],
  ])('evaluates numeric [%s, %s] against 10: %s', (op, bound, expected) => {
    // Prepare
    const pattern = { size: [{ numeric: [op, bound] }] };

    // Act
    const matched = matchesPattern(pattern, { size: 10 });

    // Assess
    expect(matched).toBe(expected);
  });

  it('only matches JSON numbers, not numeric strings', () => {
    // Prepare
    const pattern = { size: [{ numeric: ['>', 0] }] };

    // Act
    const matched = matchesPattern(pattern, { size: '10' });

    // Assess
    expect(matched).toBe(false);
  });
});

describe('matchesPattern: exists', () => {
  const notExists = { detail: { 'c-count': [{ exists: false }] } };
  const exists = { detail: { 'c-count': [{ exists: true }] } };

  it('matches exists:false when the field is absent', () => {
    // Prepare
    const event = { 'detail-type': 'EC2 Instance State-change Notification', detail: { state: 'running' } };

    // Act
    const matched = matchesPattern(notExists, event);

    // Assess
    expect(matched).toBe(true);
  });

  it('matches exists:false when the field is an object, because exists only sees leaf nodes', () => {
    // Prepare
    const event = { detail: { state: 'running', 'c-count': { c1: 100 } } };

    // Act
    const results = [matchesPattern(notExists, event), matchesPattern(exists, event)];

    // Assess
    expect(results).toEqual([true, false]);
  });

  it('matches exists:true and not exists:false when the field holds a leaf value', () => {
    // Prepare
    const event = rulerExampleEvent;

    // Act
    const results = [matchesPattern(exists, event), matchesPattern(notExists, event)];

    // Assess
    expect(results).toEqual([true, false]);
  });

  it('counts a null value as present', () => {
    // Prepare
    const event = { detail: { 'c-count': null } };

    // Act
    const matched = matchesPattern(exists, event);

    // Assess
    expect(matched).toBe(true);
  });

  it('matches exists:false when the parent object itself is missing', () => {
    // Prepare
    const event = { source: 'aws.ec2' };

    // Act
    const matched = matchesPattern(notExists, event);

    // Assess
    expect(matched).toBe(true);
  });

  it('matches exists:true on a SageMaker training job tag key containing a colon', () => {
    // Prepare
    const pattern = { detail: { Tags: { 'shepherd:model': [{ exists: true }] } } };
    const trainingJobEvent = {
      version: '0',
      id: '0f3c1e6a-2d7b-4c55-9a61-5f0d3b2c7e11',
      'detail-type': 'SageMaker Training Job State Change',
      source: 'aws.sagemaker',
      account: '123456789012',
      time: '2024-05-01T12:00:00Z',
      region: 'us-east-1',
      resources: ['arn:aws:sagemaker:us-east-1:123456789012:training-job/churn-2024-05-01'],
      detail: {
        TrainingJobName: 'churn-2024-05-01',
        TrainingJobStatus: 'Completed',
        SecondaryStatus: 'Completed',
        Tags: { 'shepherd:model': 'churn', team: 'ml' },
      },
    };
    const untaggedEvent = { ...trainingJobEvent, detail: { ...trainingJobEvent.detail, Tags: { team: 'ml' } } };

    // Act
    const results = [matchesPattern(pattern, trainingJobEvent), matchesPattern(pattern, untaggedEvent)];

    // Assess
    expect(results).toEqual([true, false]);
  });

  it('lets exists:false sit beside a value as an alternative', () => {
    // Prepare
    const pattern = { detail: { state: [{ exists: false }, 'running'] } };

    // Act
    const results = [{ state: 'running' }, {}, { state: 'stopped' }].map((detail) =>
      matchesPattern(pattern, { detail }),
    );

    // Assess
    expect(results).toEqual([true, true, false]);
  });

  it('matches a nested exists:false when the event holds an empty array there', () => {
    // Prepare
    const pattern = { detail: { containers: { exitCode: [{ exists: false }] } } };

    // Act
    const matched = matchesPattern(pattern, { detail: { containers: [] } });

    // Assess
    expect(matched).toBe(true);
  });

  it("only reads the event's own fields, not inherited object properties", () => {
    // Prepare
    const pattern = { detail: { constructor: [{ exists: false }] } };

    // Act
    const matched = matchesPattern(pattern, { detail: {} });

    // Assess
    expect(matched).toBe(true);
  });
});

describe('matchesPattern: cidr', () => {
  it.each([
    ['10.0.0.0', true],
    ['10.0.0.33', true],
    ['10.0.0.255', true],
    ['10.0.1.1', false],
    ['not-an-ip', false],
  ])('matches sourceIPAddress %s against cidr "10.0.0.0/24": %s', (sourceIPAddress, expected) => {
    // Prepare
    const pattern = { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } };

    // Act
    const matched = matchesPattern(pattern, { detail: { sourceIPAddress } });

    // Assess
    expect(matched).toBe(expected);
  });

  it('matches IPv6 addresses against an IPv6 block', () => {
    // Prepare
    const pattern = { ip: [{ cidr: '2001:db8::/32' }] };

    // Act
    const results = ['2001:db8::1', '2001:db9::1', '10.0.0.1'].map((ip) => matchesPattern(pattern, { ip }));

    // Assess
    expect(results).toEqual([true, false, false]);
  });
});

describe('matchesPattern: $or', () => {
  it('matches "source" AND ("metricName" OR "namespace")', () => {
    // Prepare
    const pattern = {
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
    };

    // Act
    const results = [
      { source: 'aws.cloudwatch', metricName: 'CPUUtilization' },
      { source: 'aws.cloudwatch', namespace: 'AWS/ES' },
      { source: 'aws.cloudwatch', metricName: 'DiskUsage', namespace: 'AWS/RDS' },
      { source: 'aws.ec2', metricName: 'CPUUtilization' },
    ].map((event) => matchesPattern(pattern, event));

    // Assess
    expect(results).toEqual([true, true, false, false]);
  });

  it('supports $or inside a nested object and an AND inside an $or branch', () => {
    // Prepare
    const pattern = {
      detail: {
        $or: [{ 'c-count': [{ numeric: ['>', 10] }] }, { state: ['running'], 'd-count': [3] }],
      },
    };

    // Act
    const results = [
      rulerExampleEvent,
      withDetail({ state: 'running', 'd-count': 4 }),
      withDetail({ 'c-count': 11 }),
    ].map((event) => matchesPattern(pattern, event));

    // Assess
    expect(results).toEqual([true, false, true]);
  });

  it('supports $or nested inside an $or branch', () => {
    // Prepare
    const pattern = {
      source: ['aws.cloudwatch'],
      $or: [
        { metricName: ['CPUUtilization'] },
        { namespace: ['AWS/EC2'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] },
      ],
    };

    // Act
    const results = [
      { source: 'aws.cloudwatch', namespace: 'AWS/EC2', spaceId: 1000 },
      { source: 'aws.cloudwatch', namespace: 'AWS/EC2', spaceId: 999 },
    ].map((event) => matchesPattern(pattern, event));

    // Assess
    expect(results).toEqual([true, false]);
  });
});

describe('matchesPattern: combined operators', () => {
  it('matches the documented complex example combining prefix, anything-but, numeric and cidr', () => {
    // Prepare
    const pattern = {
      time: [{ prefix: '2017-10-02' }],
      detail: {
        state: [{ 'anything-but': 'initializing' }],
        'c-count': [{ numeric: ['>', 0, '<=', 5] }],
        'd-count': [{ numeric: ['<', 10] }],
        'x-limit': [{ 'anything-but': [100, 200, 300] }],
        'source-ip': [{ cidr: '10.0.0.0/8' }],
      },
    };

    // Act
    const matched = matchesPattern(pattern, rulerExampleEvent);

    // Assess
    expect(matched).toBe(true);
  });

  it('ORs the matchers listed for one field', () => {
    // Prepare
    const pattern = { source: ['aws.s3', { prefix: 'aws.e' }] };

    // Act
    const results = ['aws.s3', 'aws.ec2', 'aws.sqs'].map((source) => matchesPattern(pattern, { source }));

    // Assess
    expect(results).toEqual([true, true, false]);
  });
});

describe('validatePattern', () => {
  it('returns no errors for a valid pattern using every operator', () => {
    // Prepare
    const pattern = {
      source: ['aws.ec2', null, true, 1],
      detail: {
        a: [
          { prefix: 'x' },
          { prefix: { 'equals-ignore-case': 'x' } },
          { suffix: 'y' },
          { suffix: { 'equals-ignore-case': 'y' } },
        ],
        b: [
          { 'anything-but': ['p', 'q'] },
          { 'anything-but': { wildcard: '*/lib/*' } },
          { 'anything-but': { 'equals-ignore-case': ['a'] } },
        ],
        c: [{ numeric: ['>=', 0, '<', 1] }, { exists: false }, { cidr: '192.168.0.0/16' }, { wildcard: 'a\\*b*' }],
        $or: [{ d: [{ 'equals-ignore-case': 'z' }] }, { e: { f: [''] } }],
      },
    };

    // Act
    const errors = validatePattern(pattern);

    // Assess
    expect(errors).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['a leaf that is not an array', { source: 'aws.ec2' }, '$.source: must be an object or an array'],
    ['an empty array', { source: [] }, '$.source: empty arrays are not allowed'],
    ['an empty object', { detail: {} }, '$.detail: empty objects are not allowed'],
    ['a pattern that is not an object', ['aws.ec2'], '$: pattern must be a JSON object'],
    [
      'an unknown operator',
      { source: [{ contains: 'ec2' }] },
      '$.source[0].contains: unrecognized operator "contains"',
    ],
    [
      'an inherited object method name used as an operator',
      { source: [{ toString: 'x' }] },
      '$.source[0].toString: unrecognized operator "toString"',
    ],
    [
      'an inherited object method name used as a numeric operator',
      { size: [{ numeric: ['constructor', 5] }] },
      'unknown numeric operator "constructor"',
    ],
    [
      'an operator object with two keys',
      { source: [{ prefix: 'a', suffix: 'b' }] },
      '$.source[0]: an operator object must have exactly one key',
    ],
    ['a nested array as a match value', { source: [['aws.ec2']] }, '$.source[0]: match value must be'],
    ['a prefix that is not a string', { source: [{ prefix: 5 }] }, '$.source[0].prefix: must be a string'],
    [
      'a numeric operator with a non-number',
      { size: [{ numeric: ['>', '5'] }] },
      '$.size[0].numeric: the value after ">" must be a number',
    ],
    [
      'an unknown numeric operator',
      { size: [{ numeric: ['!=', 5] }] },
      '$.size[0].numeric: unknown numeric operator "!="',
    ],
    ['a numeric range in the wrong order', { size: [{ numeric: ['<', 5, '>', 1] }] }, 'a range must be a lower bound'],
    [
      'an empty numeric range',
      { size: [{ numeric: ['>', 5, '<', 1] }] },
      'the lower bound must be below the upper bound',
    ],
    ['anything-but with mixed types', { s: [{ 'anything-but': ['a', 1] }] }, 'only strings or only numbers'],
    [
      'anything-but with an empty prefix',
      { s: [{ 'anything-but': { prefix: '' } }] },
      'prefix must be a non-empty string',
    ],
    [
      'anything-but with numeric inside',
      { s: [{ 'anything-but': { numeric: ['>', 1] } }] },
      'unsupported operator "numeric" inside anything-but',
    ],
    ['exists that is not a boolean', { s: [{ exists: 'yes' }] }, '$.s[0].exists: must be true or false'],
    [
      'a wildcard with consecutive asterisks',
      { s: [{ wildcard: 'a**b' }] },
      'consecutive wildcard characters are not allowed',
    ],
    ['a wildcard escaping another character', { s: [{ wildcard: 'a\\b' }] }, 'a backslash may only escape'],
    ['an invalid CIDR block', { ip: [{ cidr: '10.0.0.256/24' }] }, '$.ip[0].cidr: must be an IPv4 or IPv6 CIDR block'],
    [
      'a CIDR prefix length over 32 for IPv4',
      { ip: [{ cidr: '10.0.0.0/33' }] },
      '$.ip[0].cidr: must be an IPv4 or IPv6 CIDR block',
    ],
    ['$or with a single branch', { $or: [{ a: ['b'] }] }, '$.$or: must be an array of at least two pattern objects'],
    [
      '$or branch using an operator name as a field',
      { $or: [{ prefix: ['a'] }, { b: ['c'] }] },
      '$.$or[0].prefix: "prefix" is an operator name',
    ],
  ])('reports %s', (_label, pattern, expected) => {
    // Prepare
    const input = pattern;

    // Act
    const errors = validatePattern(input);

    // Assess
    expect(errors.some((e) => e.includes(expected))).toBe(true);
  });

  it('reports every problem with its path', () => {
    // Prepare
    const pattern = { source: 'aws.ec2', detail: { state: [{ numeric: ['>', 'x'] }], size: [] } };

    // Act
    const errors = validatePattern(pattern);

    // Assess
    expect(errors).toEqual([
      '$.source: must be an object or an array of match values',
      '$.detail.state[0].numeric: the value after ">" must be a number',
      '$.detail.size: empty arrays are not allowed',
    ]);
  });

  it('makes matchesPattern throw with the validation messages', () => {
    // Prepare
    const pattern = { detail: { state: [{ prefix: 1 }] } };

    // Act
    const act = (): boolean => matchesPattern(pattern, ec2TerminatedEvent);

    // Assess
    expect(act).toThrow('$.detail.state[0].prefix: must be a string or {"equals-ignore-case": string}');
  });
});
