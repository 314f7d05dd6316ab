const { jestConfig } = require('../../config/jest.base');

module.exports = jestConfig(__dirname);
