/** Request ids, access logs and the domain metrics operators watch. */
package com.goodpackagerepo.observability;
