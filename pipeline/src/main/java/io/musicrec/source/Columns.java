package io.musicrec.source;

/**
 * The Spark column names the index job's DataFrames share, in one place: the listing's
 * ({@link TrackSource#SCHEMA}), the labels' ({@code LabelsReader.SCHEMA}) and the one the job adds
 * when it joins them. Payload keys in the store are another vocabulary ({@code store.Payloads}).
 */
public final class Columns {
  // The listing: one row per file that looks like audio.
  public static final String PATH = "path";
  public static final String LENGTH = "length";
  public static final String MODIFICATION_TIME = "modification_time";
  public static final String GENRE_FOLDER = "genre_folder";
  public static final String TRACK_ID = "track_id";
  /** A {@code RejectCode} text when the listing rejects the entry without reading it, else null. */
  public static final String REJECT_REASON = "reject_reason";
  public static final String REJECT_DETAIL = "reject_detail";

  // labels.json: one row per track id.
  public static final String ID = "id";
  public static final String ARTIST = "artist";
  public static final String NAME = "name";
  public static final String ALBUM = "album";
  public static final String GENRE = "genre";
  public static final String SUBGENRES = "subgenres";
  public static final String OTHER_SUBGENRES = "other_subgenres";
  public static final String POPULARITY = "popularity";
  public static final String MOODS = "moods";

  // The index job's join of the two.
  /** True when the track had a usable labels entry, null when it had none. */
  public static final String LABELLED = "labelled";

  private Columns() {}
}
