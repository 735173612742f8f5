package io.musicrec.config;

import io.musicrec.store.CollectionNames;
import java.io.Serializable;

/**
 * One run's whole configuration, as read from a YAML file, then environment variables, then the
 * command line (later wins). Every key's default is in {@code defaults.yaml} (this package's
 * resource) and nowhere else: a key given without a value takes it from there.
 *
 * @param input dataset root holding {@code mp3/<genre>/<id>.mp3}: a path, file:// or s3a:// URI
 * @param labels labels.json location; defaults to {@code <input>/labels.json}
 * @param store {@code embedded:DIR}, {@code qdrant://host:6334} or {@code qdrants://host:6334}
 * @param collection the alias queries use; versions are {@code <collection>_<timestamp>}
 * @param model {@code builtin:NAME} or a model spec YAML file
 * @param mode full, incremental or rebuild
 * @param report folder for report.json, report.md and charts
 * @param keepVersions complete collection versions kept after a rebuild switches the alias, the
 *     live one included (at least 1; default 2: the live version and the one before, for a quick
 *     rollback); versions a failed run left unfinished never count
 * @param layout how new collections are stored and indexed
 * @param embeddings where decoding and inference keep their results (the embeddings table)
 * @param search how queries search the vector index
 */
public record MusicrecConfig(
    String input,
    String labels,
    String store,
    String collection,
    String model,
    IndexMode mode,
    String report,
    int keepVersions,
    Settings.Spark spark,
    Settings.Sample sample,
    Settings.Decode decode,
    Settings.Embed embed,
    Settings.Sink sink,
    Settings.Layout layout,
    Settings.Embeddings embeddings,
    Settings.Search search,
    Settings.Qdrant qdrant,
    Settings.S3 s3)
    implements Serializable {

  public MusicrecConfig {
    // A key given without a value ("input:", --set input=) means its default. defaults.yaml has a
    // value for each of these, so binding it never comes back here (labels is derived, not looked up).
    if (input == null || input.isBlank()) input = ConfigLoader.builtinDefaults().input();
    if (labels == null || labels.isBlank()) labels = stripSlash(input) + "/labels.json";
    if (store == null || store.isBlank()) store = ConfigLoader.builtinDefaults().store();
    if (collection == null || collection.isBlank()) collection = ConfigLoader.builtinDefaults().collection();
    CollectionNames.requireValidAlias(collection);
    if (model == null || model.isBlank()) model = ConfigLoader.builtinDefaults().model();
    if (mode == null) mode = ConfigLoader.builtinDefaults().mode();
    if (report == null || report.isBlank()) report = ConfigLoader.builtinDefaults().report();
    Settings.atLeast(keepVersions, 1, "keep_versions");
    if (spark == null) spark = ConfigLoader.builtinDefaults().spark();
    if (sample == null) sample = ConfigLoader.builtinDefaults().sample();
    if (decode == null) decode = ConfigLoader.builtinDefaults().decode();
    if (embed == null) embed = ConfigLoader.builtinDefaults().embed();
    if (sink == null) sink = ConfigLoader.builtinDefaults().sink();
    if (layout == null) layout = ConfigLoader.builtinDefaults().layout();
    if (embeddings == null) embeddings = ConfigLoader.builtinDefaults().embeddings();
    if (search == null) search = ConfigLoader.builtinDefaults().search();
    if (qdrant == null) qdrant = ConfigLoader.builtinDefaults().qdrant();
    if (s3 == null) s3 = ConfigLoader.builtinDefaults().s3();
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
