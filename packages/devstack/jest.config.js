// Jest for this workspace alone (`npm test -w @supergraph/devstack`); the root config runs every workspace.
module.exports = require('../../jest.config.base.js')(__dirname);
