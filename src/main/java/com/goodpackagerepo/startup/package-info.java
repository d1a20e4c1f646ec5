/** What runs once when the application starts, in order. */
package com.goodpackagerepo.startup;
