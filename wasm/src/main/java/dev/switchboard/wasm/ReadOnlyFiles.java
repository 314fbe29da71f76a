package dev.switchboard.wasm;

import com.dylibso.chicory.runtime.HostFunction;
import java.util.Set;

/**
 * Makes the WASI filesystem read-only. Chicory's preview 1 has no read-only mapping, so the few
 * functions that change files are wrapped: {@code path_open} is refused when it asks to create,
 * truncate, append or write, and the functions that only change (unlink, rename, mkdir, links,
 * sizes, times) answer {@code EROFS} without reaching the host. Reading is untouched.
 */
final class ReadOnlyFiles {
    /** WASI preview 1 errno {@code erofs}. */
    static final int EROFS = 69;
    private static final long RIGHT_FD_WRITE = 1L << 6;
    private static final long RIGHT_FD_ALLOCATE = 1L << 8;
    private static final long RIGHT_FD_FILESTAT_SET_SIZE = 1L << 22;
    private static final long WRITE_RIGHTS = RIGHT_FD_WRITE | RIGHT_FD_ALLOCATE | RIGHT_FD_FILESTAT_SET_SIZE;
    private static final int OFLAGS_CREAT_EXCL_TRUNC = 1 | 4 | 8;
    private static final int FDFLAGS_APPEND = 1;
    private static final Set<String> CHANGES = Set.of("path_create_directory", "path_remove_directory", "path_unlink_file",
            "path_rename", "path_symlink", "path_link", "path_filestat_set_times", "fd_filestat_set_size",
            "fd_filestat_set_times", "fd_allocate", "fd_pwrite");

    private ReadOnlyFiles() {}

    static HostFunction[] guard(HostFunction[] functions) {
        HostFunction[] guarded = functions.clone();
        for (int i = 0; i < guarded.length; i++) {
            HostFunction f = guarded[i];
            if (f.name().equals("path_open")) guarded[i] = guardOpen(f);
            else if (CHANGES.contains(f.name()))
                guarded[i] = new HostFunction(f.module(), f.name(), f.functionType(), (inst, args) -> new long[] {EROFS});
        }
        return guarded;
    }

    // path_open(fd, dirflags, path, path_len, oflags, fs_rights_base, fs_rights_inheriting, fdflags, opened_fd)
    private static HostFunction guardOpen(HostFunction open) {
        return new HostFunction(open.module(), open.name(), open.functionType(), (inst, args) -> {
            int oflags = (int) args[4];
            long rights = args[5];
            int fdflags = (int) args[7];
            boolean writes = (oflags & OFLAGS_CREAT_EXCL_TRUNC) != 0 || (fdflags & FDFLAGS_APPEND) != 0 || (rights & WRITE_RIGHTS) != 0;
            return writes ? new long[] {EROFS} : open.handle().apply(inst, args);
        });
    }
}
