/** What every HTTP response of the application gets: security headers, CORS for configured origins, body limits. */
package com.goodpackagerepo.api.http;
