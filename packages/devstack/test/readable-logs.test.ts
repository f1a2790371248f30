// `npm start` shows each service's JSON log line as one readable line (time, level, service, message, request
// id); LOG_FORMAT=json leaves the JSON as the service wrote it; other output keeps the process's name.
import { createLogLineFormatter } from '../src/log-format';

const slowOperation = JSON.stringify({
  level: 40,
  time: Date.UTC(2026, 11, 1, 9, 30, 15, 250),
  pid: 4242,
  hostname: 'laptop',
  name: 'zoo',
  service: 'zoo',
  requestId: '6f1c2d3e-0000-4000-8000-000000000001',
  traceId: '0af7651916cd43dd8448eb211c80319c',
  operation: 'ZooOwner',
  durationMs: 1234,
  msg: 'slow operation',
});

describe('LOG_FORMAT=pretty', () => {
  const format = createLogLineFormatter({ format: 'pretty', colors: false });

  it('turns a service log line into one line with time, level, service, message and request id', () => {
    const line = format(slowOperation, 'zoo');

    expect(line).not.toContain('\n');
    expect(line).toMatch(
      /^\[\d\d:\d\d:\d\d\.250\] WARN: zoo +slow operation +\(request 6f1c2d3e-0000-4000-8000-000000000001\)/,
    );
    expect(line).toContain('"operation":"ZooOwner"'); // the rest of the fields follow
    expect(line).not.toContain('4242'); // pid and hostname are noise on one machine
    expect(line).not.toContain('laptop');
  });

  it('names the process that printed a line without a service field', () => {
    const line = format(JSON.stringify({ level: 30, time: Date.now(), msg: 'gateway listening' }), 'gateway');
    expect(line).toMatch(/INFO: gateway +gateway listening$/);
  });

  it('keeps an error with its stack readable', () => {
    const error = JSON.stringify({
      level: 50,
      time: Date.now(),
      service: 'users',
      err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at somewhere (file.js:1:1)' },
      msg: 'job failed',
    });
    const lines = format(error, 'users');
    expect(lines).toMatch(/ERROR: users +job failed/);
    expect(lines).toContain('at somewhere (file.js:1:1)');
  });

  it('shows output that is not a log line as it is, after the process name', () => {
    expect(format('Invalid configuration:', 'animal')).toBe('[animal]  Invalid configuration:');
    expect(format('{"not":"a log line"}', 'animal')).toBe('[animal]  {"not":"a log line"}');
  });

  it('colours only when asked', () => {
    expect(format(slowOperation, 'zoo')).not.toContain('\u001b[');
    expect(createLogLineFormatter({ format: 'pretty', colors: true })(slowOperation, 'zoo')).toContain('\u001b[');
  });
});

describe('LOG_FORMAT=json', () => {
  const format = createLogLineFormatter({ format: 'json', colors: true });

  it('leaves a log line exactly as the service wrote it', () => {
    expect(format(slowOperation, 'zoo')).toBe(slowOperation);
  });

  it('still names the process for output that is not a log line', () => {
    expect(format('Invalid configuration:', 'animal')).toBe('[animal]  Invalid configuration:');
  });
});
