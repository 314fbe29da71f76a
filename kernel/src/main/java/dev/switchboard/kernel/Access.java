package dev.switchboard.kernel;

import java.util.Arrays;

/** What a role grants on one scope: read ({@code r}), read-write ({@code rw}), or read-write-grant ({@code rwg}). */
public enum Access {
    R("r", Permission.READ), RW("rw", Permission.WRITE), RWG("rwg", Permission.GRANT);

    private final String code;
    private final Permission highest;

    Access(String code, Permission highest) {
        this.code = code;
        this.highest = highest;
    }

    /** The short code: {@code r}, {@code rw} or {@code rwg}. */
    public String code() {
        return code;
    }

    public boolean allows(Permission permission) {
        return permission.ordinal() <= highest.ordinal();
    }

    /** Parses {@code r}, {@code rw} or {@code rwg}; anything else is an error naming the allowed codes. */
    public static Access parse(String code) {
        for (Access a : values()) if (a.code.equals(code)) return a;
        throw new IllegalArgumentException("access '" + code + "' is not one of "
                + Arrays.stream(values()).map(Access::code).toList());
    }
}
