// `npm test`: every workspace's tests in one Jest run, sharing one Postgres server.
const path = require('node:path');
const base = require('./jest.config.base.js');

const rootSettings = base(__dirname);

module.exports = {
  projects: ['packages/*', 'services/*', 'gateway']
    .flatMap((pattern) => require('node:fs').globSync(pattern, { cwd: __dirname }))
    .filter((dir) => require('node:fs').existsSync(path.join(__dirname, dir, 'jest.config.js')))
    .map((dir) => base(path.join(__dirname, dir), { globalSetup: false })),
  // A global option: project configs cannot set it for a root run.
  testTimeout: rootSettings.testTimeout,
  globalSetup: rootSettings.globalSetup,
  globalTeardown: rootSettings.globalTeardown,
};
