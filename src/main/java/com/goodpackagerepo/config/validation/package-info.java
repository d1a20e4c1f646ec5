/**
 * Load-time validation of a repository schema: the checks it declares, structural checks and invariants.
 */
package com.goodpackagerepo.config.validation;
