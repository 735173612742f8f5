package io.musicrec.source;

import io.musicrec.decode.FileKinds;
import io.musicrec.reject.RejectCode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Lists a local audio folder with java.nio rather than Hadoop's LocalFileSystem, whose recursive
 * listing follows a directory symlink cycle until the path is too long (every file listed dozens
 * of times) and drops broken file links without a word.
 *
 * <p>Rules: entries are visited in name order, so the listing is the same on every run. Symbolic
 * links are followed, but each real directory is listed once, under its own path when the tree
 * has one: links to directories are followed only after the tree itself was listed, and a link to
 * a directory already listed (a cycle, or a second way to the same folder) adds nothing. Every entry whose name looks
 * like audio ends up in the listing: a regular file to decode, or a reject, a link whose target is
 * missing or that loops ({@code broken_link}) or a FIFO, device or socket ({@code not_a_file}).
 * A sub-folder that cannot be read is listed as an {@code io_error} reject of the folder itself.
 */
final class LocalListing {
  private final Predicate<String> looksLikeAudio;
  private final Set<Path> listedDirectories = new HashSet<>();
  /** Directory links, followed after the tree itself, so a folder is listed under its own path when it has one. */
  private final Deque<Path> linkedDirectories = new ArrayDeque<>();
  private final List<ListedFile> files = new ArrayList<>();

  private LocalListing(Predicate<String> looksLikeAudio) {
    this.looksLikeAudio = looksLikeAudio;
  }

  /**
   * @param root an existing folder
   * @throws IOException when the root itself cannot be listed
   */
  static List<ListedFile> list(Path root, Predicate<String> looksLikeAudio) throws IOException {
    LocalListing listing = new LocalListing(looksLikeAudio);
    listing.directory(root.toAbsolutePath().normalize(), true);
    while (!listing.linkedDirectories.isEmpty()) {
      listing.directory(listing.linkedDirectories.poll(), false);
    }
    return listing.files;
  }

  private void directory(Path dir, boolean root) throws IOException {
    if (!listedDirectories.add(dir.toRealPath())) return;
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(entries::add);
    } catch (IOException e) {
      if (root) throw e;
      files.add(ListedFile.file(hadoopPath(dir), 0, 0, parentName(dir), dir.getFileName().toString())
          .rejected(RejectCode.IO_ERROR, "cannot list this folder: " + e));
      return;
    }
    entries.sort(null);
    for (Path entry : entries) {
      try {
        entry(entry);
      } catch (IOException e) { // gone since the folder was read, or unreadable: its own problem
        if (looksLikeAudio(entry)) {
          String name = entry.getFileName().toString();
          files.add(ListedFile.file(hadoopPath(entry), 0, 0, parentName(entry), name.substring(0, name.lastIndexOf('.')))
              .rejected(RejectCode.IO_ERROR, e.toString()));
        }
      }
    }
  }

  private void entry(Path entry) throws IOException {
    BasicFileAttributes own = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    BasicFileAttributes target = own;
    if (own.isSymbolicLink()) {
      try {
        target = Files.readAttributes(entry, BasicFileAttributes.class);
      } catch (IOException e) {
        if (looksLikeAudio(entry)) files.add(listed(entry, own).rejected(RejectCode.BROKEN_LINK, brokenLink(entry, e)));
        return;
      }
    }
    if (target.isDirectory()) {
      if (own.isSymbolicLink()) linkedDirectories.add(entry);
      else directory(entry, false);
    } else if (looksLikeAudio(entry)) {
      ListedFile file = listed(entry, target);
      if (!target.isRegularFile()) {
        String kind = FileKinds.special(entry).orElse("a special file");
        file = file.rejected(RejectCode.NOT_A_FILE, kind + ", not a regular file");
      }
      files.add(file);
    }
  }

  private boolean looksLikeAudio(Path entry) {
    return looksLikeAudio.test(entry.getFileName().toString());
  }

  private static ListedFile listed(Path entry, BasicFileAttributes attributes) {
    String name = entry.getFileName().toString();
    return ListedFile.file(hadoopPath(entry), attributes.isRegularFile() ? attributes.size() : 0,
        attributes.lastModifiedTime().toMillis(), parentName(entry), name.substring(0, name.lastIndexOf('.')));
  }

  private static String brokenLink(Path link, IOException e) {
    String target;
    try {
      target = Files.readSymbolicLink(link).toString();
    } catch (IOException | RuntimeException unreadable) {
      target = "?";
    }
    boolean loops = e instanceof FileSystemLoopException
        || (e.getMessage() != null && e.getMessage().contains("Too many levels of symbolic links"));
    if (loops) return "symbolic link loop (-> " + target + ")";
    if (e instanceof NoSuchFileException) return "symbolic link to a missing file (-> " + target + ")";
    return "symbolic link that cannot be followed (-> " + target + "): " + e;
  }

  /** The path as Hadoop writes a local one, so stored urls and incremental runs see no change. */
  private static String hadoopPath(Path path) {
    return "file:" + path;
  }

  private static String parentName(Path path) {
    Path parent = path.getParent();
    return parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
  }
}
