export const id = 50;
export const ids = [50];
export const modules = {

/***/ 50050:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createDaytonaProvider: () => (/* binding */ createDaytonaProvider)
/* harmony export */ });
/* harmony import */ var _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(58382);

/** Placeholder until the Daytona provider lands: selecting it fails with one clear sentence. */
function createDaytonaProvider(_settings, _logger) {
    throw new _shared_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ('provider-unavailable', 'The daytona provider is not available in this version of sandbox-agent-action.', 'Use provider: local for now, or upgrade to a release that includes daytona.');
}


/***/ })

};
