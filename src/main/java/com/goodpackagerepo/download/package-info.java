/** Short-lived signed download links: a URL that fetches one stored blob without a bearer token. */
package com.goodpackagerepo.download;
