package com.goodpackagerepo.config;

import com.goodpackagerepo.config.validation.ConfigViolation;
import com.goodpackagerepo.error.DomainException;
import com.goodpackagerepo.error.ErrorCode;

/** A candidate configuration failed a load-time check; the message names the check id and the path. */
public class InvalidConfigException extends DomainException {
    private final ConfigViolation first;

    public InvalidConfigException(ConfigViolation first, String allViolations) {
        super(ErrorCode.CONFIG_INVALID, "Configuration rejected by " + allViolations);
        this.first = first;
    }

    public ConfigViolation firstViolation() {
        return first;
    }
}
