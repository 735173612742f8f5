package io.musicrec.source;

import io.musicrec.reject.RejectCode;

/**
 * One directory entry that looks like audio (by its extension), as the listing found it.
 *
 * @param path Hadoop's (unescaped) path string, e.g. {@code file:/data/mp3/rock/x.mp3}
 * @param rejectReason the {@link RejectCode#code()} of why the entry is rejected without being read
 *     ({@code broken_link}, {@code not_a_file}, {@code duplicate_id}, {@code io_error}), null for a file to decode
 * @param rejectDetail what exactly is wrong, null with no reason
 */
record ListedFile(String path, long length, long modificationTime, String genreFolder, String trackId,
    String rejectReason, String rejectDetail) {

  static ListedFile file(String path, long length, long modificationTime, String genreFolder, String trackId) {
    return new ListedFile(path, length, modificationTime, genreFolder, trackId, null, null);
  }

  ListedFile rejected(RejectCode reason, String detail) {
    return new ListedFile(path, length, modificationTime, genreFolder, trackId, reason.code(), detail);
  }

  boolean isRejected() {
    return rejectReason != null;
  }
}
