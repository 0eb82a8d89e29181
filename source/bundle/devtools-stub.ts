// Stands in for react-devtools-core, an optional peer of Ink loaded only with DEV=true
// (and that import is removed from the bundle): nothing to connect to.
export default {initialize() {}, connectToDevTools() {}};
