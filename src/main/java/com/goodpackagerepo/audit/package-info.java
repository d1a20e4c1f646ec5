/** Security-relevant events (logins, token and key changes, user and configuration changes) for later review. */
package com.goodpackagerepo.audit;
