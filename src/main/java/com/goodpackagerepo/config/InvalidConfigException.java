package com.goodpackagerepo.config;

import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;

/** A candidate configuration failed a load-time check; the message names the check id and the path. */
public class InvalidConfigException extends DomainException {
    /** @param violations each violated check id, path and message */
    public InvalidConfigException(String violations) {
        super(ErrorCode.CONFIG_INVALID, "Configuration rejected by " + violations);
    }
}
