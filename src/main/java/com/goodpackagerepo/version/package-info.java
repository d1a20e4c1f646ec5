/** Version strings: validation, SemVer 2.0.0 precedence and an order-preserving byte encoding for index keys. */
package com.goodpackagerepo.version;
