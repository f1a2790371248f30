// Jest for this workspace alone (`npm test -w @supergraph/pubsub`); the root config runs every workspace.
module.exports = require('../../jest.config.base.js')(__dirname);
