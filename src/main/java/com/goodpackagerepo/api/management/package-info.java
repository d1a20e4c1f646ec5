/**
 * The operational endpoints on the public port — {@code /health*}, {@code /metrics}, {@code /openapi*} — in front of
 * Liberty's own, which answer only on the management port (server.xml): anonymous callers get UP/DOWN from health and
 * nothing else; the details, the metrics and the API description need a credential with the {@code metrics} (or
 * {@code admin}) scope, or the static scrape token {@code gpr.metrics.token}.
 */
package com.goodpackagerepo.api.management;
