/** JSON handling shared by every feature: one configured Jackson mapper. */
package com.goodpackagerepo.json;
