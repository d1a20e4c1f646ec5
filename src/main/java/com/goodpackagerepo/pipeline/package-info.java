/** Runs a route's pipeline of ops: interpolation, conditions, transactions, access checks and budgets. */
package com.goodpackagerepo.pipeline;
