package io.musicrec.jobs.serve;

import java.io.IOException;

/**
 * The client stopped sending its request or reading the answer (closed the tab, seeked, lost the
 * network, or was cut off for being too slow). Routine for a web server: one log line, no stack.
 */
final class ClientGone extends IOException {
  ClientGone(String what, IOException cause) {
    super(what + ": " + describe(cause), cause);
  }

  private static String describe(IOException cause) {
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
  }
}
