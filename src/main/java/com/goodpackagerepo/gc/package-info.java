/**
 * Online garbage collection: artifact deletion, retention of old versions, and the sweep of blob files no
 * document references, run on a schedule or on demand while publishes and downloads continue.
 */
package com.goodpackagerepo.gc;
