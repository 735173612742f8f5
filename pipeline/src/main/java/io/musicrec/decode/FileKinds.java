package io.musicrec.decode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Tells regular files from the other things a directory entry can name. Opening a FIFO blocks
 * until a writer appears (outside any deadline), and a device such as {@code /dev/zero} never
 * ends, so such entries are refused by their type, before anything opens them.
 */
public final class FileKinds {
  private static final int TYPE_MASK = 0170000;
  private static final int FIFO = 0010000;
  private static final int CHARACTER_DEVICE = 0020000;
  private static final int BLOCK_DEVICE = 0060000;
  private static final int SOCKET = 0140000;

  private FileKinds() {}

  /**
   * What {@code file} is when it is not a regular file (symbolic links followed), e.g. "a FIFO
   * (named pipe)"; empty for a regular file. Reads only metadata, which never blocks on a FIFO.
   *
   * @throws IOException when the file cannot be examined (missing, a looping link, no permission)
   */
  public static Optional<String> special(Path file) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    if (attributes.isRegularFile()) return Optional.empty();
    if (attributes.isDirectory()) return Optional.of("a folder");
    return Optional.of(describe(file));
  }

  private static String describe(Path file) {
    int mode;
    try {
      mode = (Integer) Files.getAttribute(file, "unix:mode");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "a special file";
    }
    return switch (mode & TYPE_MASK) {
      case FIFO -> "a FIFO (named pipe)";
      case CHARACTER_DEVICE -> "a character device";
      case BLOCK_DEVICE -> "a block device";
      case SOCKET -> "a socket";
      default -> "a special file";
    };
  }
}
