package io.musicrec.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicrec.corpus.CorpusManifest.Defect;
import io.musicrec.corpus.CorpusManifest.Track;
import io.musicrec.testing.corpus.DecodedAudio;
import io.musicrec.testing.corpus.SpectralProfile;
import io.musicrec.testing.corpus.TestCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusGeneratorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BASE62_ID = "[0-9A-Za-z]{22}";

  private static TestCorpus corpus;
  private static JsonNode labels;

  @BeforeAll
  static void generate() throws IOException {
    corpus = TestCorpus.standard();
    labels = JSON.readTree(corpus.labels().toFile());
  }

  @Test
  void layoutIsLudwigs() throws IOException {
    CorpusManifest m = corpus.manifest();
    assertEquals(TestCorpus.STANDARD_TRACKS, m.catalog().size());
    Set<String> folders;
    try (Stream<Path> dirs = Files.list(corpus.root().resolve("mp3"))) {
      folders = dirs.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
    assertEquals(Set.of("blues", "classical", "electronic", "funk _ soul", "hip hop", "jazz", "latin", "pop", "reggae", "rock"), folders);
    for (Track t : m.catalog()) {
      assertTrue(t.id().matches(BASE62_ID), t.id());
      Path file = corpus.file(t.path());
      assertTrue(Files.isRegularFile(file), t.path());
      assertEquals(t.id() + ".mp3", file.getFileName().toString());
      assertEquals(Genre.ofLabel(t.genre()).folder(), file.getParent().getFileName().toString());
    }
    for (Defect d : m.defects().byName().values()) {
      assertTrue(d.id().matches(BASE62_ID), d.id());
    }
    Set<String> all = new HashSet<>();
    m.catalog().forEach(t -> all.add(t.id()));
    m.defects().byName().values().forEach(d -> all.add(d.id()));
    assertEquals(m.catalog().size() + 7, all.size(), "ids are unique");
  }

  @Test
  void everyGenreHasArtistsWithSeveralTracksAndAudibleSubgenres() {
    Map<String, List<Track>> byArtist = corpus.manifest().byArtist();
    Map<String, Set<String>> artistsByGenre = new TreeMap<>();
    for (List<Track> tracks : byArtist.values()) {
      assertTrue(tracks.size() >= 2, "every artist has at least two tracks: " + tracks);
      assertEquals(1, tracks.stream().map(Track::genre).distinct().count(), "an artist stays in one genre");
      assertEquals(1, tracks.stream().map(Track::subgenres).distinct().count(), "an artist keeps one subgenre");
      artistsByGenre.computeIfAbsent(tracks.get(0).genre(), g -> new HashSet<>()).add(tracks.get(0).artist());
    }
    assertEquals(10, artistsByGenre.size());
    artistsByGenre.values().forEach(artists -> assertEquals(2, artists.size()));
    for (Track t : corpus.manifest().catalog()) {
      assertTrue(t.subgenres().get(0).startsWith(t.genre() + "---"), t.subgenres().toString());
    }
  }

  @Test
  void labelsAreDynamoTypedLudwigJson() throws IOException {
    JsonNode tracks = labels.get("tracks");
    assertTrue(tracks.isObject());
    assertEquals(TestCorpus.STANDARD_TRACKS + 6, tracks.size(), "catalog + labelled defects, not the one missing its labels");
    int withoutAlbum = 0;
    int withoutPopularity = 0;
    for (Track t : corpus.manifest().catalog()) {
      JsonNode entry = tracks.get(t.id());
      assertNotNull(entry, t.id());
      assertEquals(t.artist(), entry.at("/artist/S").asText());
      assertEquals(t.name(), entry.at("/name/S").asText());
      assertEquals(t.genre(), entry.at("/genre/S").asText());
      assertEquals(t.subgenres().get(0), entry.at("/subgenres/L/0/S").asText());
      if (entry.has("album")) {
        assertEquals(t.album(), entry.at("/album/S").asText());
      } else {
        assertNull(t.album());
        withoutAlbum++;
      }
      if (entry.has("popularity")) {
        double popularity = Double.parseDouble(entry.at("/popularity/N").asText());
        assertTrue(popularity >= 0 && popularity <= 100);
      } else {
        withoutPopularity++;
      }
      for (String mood : List.of("danceability", "energy", "valence", "acousticness")) {
        if (entry.has(mood)) {
          double v = Double.parseDouble(entry.at("/" + mood + "/N").asText());
          assertTrue(v >= 0 && v <= 1, mood + "=" + v);
        }
      }
    }
    assertTrue(withoutAlbum > 0 && withoutPopularity > 0, "like the real data, some attributes are missing");

    JsonNode subgenres = JSON.readTree(corpus.file("subgeneres.json").toFile());
    for (Track t : corpus.manifest().catalog()) {
      List<String> ids = new ArrayList<>();
      subgenres.get(t.subgenres().get(0)).forEach(id -> ids.add(id.asText()));
      assertTrue(ids.contains(t.id()), t.id() + " listed under " + t.subgenres());
    }
  }

  @Test
  void everyDecodableTrackIsStereo44kMusicOfTheRequestedLength() {
    for (String id : corpus.manifest().decodable()) {
      Path file = pathOf(id);
      DecodedAudio audio = DecodedAudio.decode(file, 44_100);
      assertEquals(0, audio.exitCode(), audio.log());
      assertEquals(44_100, audio.inputRate(), id);
      assertEquals("stereo", audio.inputLayout(), id);
      assertEquals(TestCorpus.STANDARD_SECONDS, audio.seconds(), 0.1, id);
      assertTrue(audio.rms() > 0.02, id + " is not silent: rms " + audio.rms());
    }
  }

  @Test
  void tracksOfOneArtistSoundMoreAlikeThanOtherArtistsOfTheGenre() {
    Map<String, double[]> profile = new HashMap<>();
    for (Track t : corpus.manifest().catalog()) {
      profile.put(t.id(), SpectralProfile.of(DecodedAudio.decode(corpus.file(t.path()), 22_050).samples(), 22_050));
    }
    List<Double> sameArtist = new ArrayList<>();
    List<Double> sameGenreOtherArtist = new ArrayList<>();
    List<Track> catalog = corpus.manifest().catalog();
    for (int i = 0; i < catalog.size(); i++) {
      for (int j = i + 1; j < catalog.size(); j++) {
        Track a = catalog.get(i);
        Track b = catalog.get(j);
        double d = SpectralProfile.distance(profile.get(a.id()), profile.get(b.id()));
        if (a.artist().equals(b.artist())) {
          sameArtist.add(d);
        } else if (a.genre().equals(b.genre())) {
          sameGenreOtherArtist.add(d);
        }
      }
    }
    double same = mean(sameArtist);
    double other = mean(sameGenreOtherArtist);
    System.out.printf("band-spectrum distance (dB): same artist %.2f over %d pairs, same genre other artist %.2f over %d pairs%n",
        same, sameArtist.size(), other, sameGenreOtherArtist.size());
    assertEquals(20, sameArtist.size());
    assertEquals(40, sameGenreOtherArtist.size());
    assertTrue(same < 0.6 * other, "same-artist " + same + " vs same-genre other-artist " + other);
  }

  @Test
  void defectsArePresentWithTheirProperties() throws IOException {
    CorpusManifest.Defects d = corpus.manifest().defects();
    JsonNode tracks = labels.get("tracks");

    assertEquals(0, Files.size(corpus.file(d.empty().path())));

    Path notAudio = corpus.file(d.notAudio().path());
    assertTrue(notAudio.toString().endsWith(".mp3"));
    assertTrue(Files.readString(notAudio, StandardCharsets.UTF_8).startsWith("<?xml"));
    assertNotEquals(0, DecodedAudio.decode(notAudio, 22_050).exitCode(), "ffmpeg rejects a text file");

    DecodedAudio silent = DecodedAudio.decode(corpus.file(d.silent().path()), 22_050);
    assertEquals(0, silent.exitCode());
    assertEquals(TestCorpus.STANDARD_SECONDS, silent.seconds(), 0.1);
    assertTrue(silent.peak() < 1e-4, "digital silence, peak " + silent.peak());

    DecodedAudio tooShort = DecodedAudio.decode(corpus.file(d.tooShort().path()), 22_050);
    assertEquals(0, tooShort.exitCode());
    assertEquals(0.5, tooShort.seconds(), 0.1);
    assertTrue(tooShort.rms() > 0.02);

    DecodedAudio truncated = DecodedAudio.decode(corpus.file(d.truncated().path()), 22_050);
    assertTrue(truncated.seconds() >= 0.8 && truncated.seconds() < 1.8,
        "a real truncation still decodes its first second or so: " + truncated.seconds());
    assertTrue(truncated.rms() > 0.02);

    Path missing = corpus.file(d.missingLabels().path());
    assertTrue(Files.size(missing) > 0);
    assertTrue(corpus.manifest().decodable().contains(d.missingLabels().id()));
    assertFalse(tracks.has(d.missingLabels().id()), "audio without a labels entry");

    assertNull(d.labelsWithoutAudio().path());
    assertTrue(tracks.has(d.labelsWithoutAudio().id()), "labels entry without audio");
    try (Stream<Path> files = Files.walk(corpus.root().resolve("mp3"))) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(d.labelsWithoutAudio().id())));
    }
    for (Defect labelled : List.of(d.truncated(), d.empty(), d.notAudio(), d.silent(), d.tooShort())) {
      assertTrue(tracks.has(labelled.id()), "broken files are still catalogued: " + labelled);
    }
  }

  @Test
  void sameSeedGivesIdenticalBytesAndAnotherSeedDiffers(@TempDir Path dir) throws IOException {
    CorpusManifest a = CorpusGenerator.generate(new CorpusSpec(dir.resolve("a"), 6, 2, 11, false));
    CorpusManifest b = CorpusGenerator.generate(new CorpusSpec(dir.resolve("b"), 6, 2, 11, false));
    CorpusManifest c = CorpusGenerator.generate(new CorpusSpec(dir.resolve("c"), 6, 2, 12, false));
    assertEquals(a, b);
    assertNull(a.defects());
    for (String file : List.of("labels.json", "subgeneres.json", CorpusManifest.FILE)) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(file)), Files.readAllBytes(dir.resolve("b").resolve(file)), file);
    }
    for (Track t : a.catalog()) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(t.path())), Files.readAllBytes(dir.resolve("b").resolve(t.path())), t.path());
    }
    assertNotEquals(a.catalog(), c.catalog());
    assertFalse(Arrays.equals(Files.readAllBytes(dir.resolve("a/labels.json")), Files.readAllBytes(dir.resolve("c/labels.json"))));

    ArtistStyle artist = ArtistStyle.create(StyleBook.stylesOf(Genre.LATIN).get(0), new SplittableRandom(3));
    float[] first = TrackRenderer.render(artist, 2, new SplittableRandom(5));
    assertArrayEquals(first, TrackRenderer.render(artist, 2, new SplittableRandom(5)), "same seed, same PCM");
    assertFalse(Arrays.equals(first, TrackRenderer.render(artist, 2, new SplittableRandom(6))), "another seed, other PCM");

    CorpusGenerator.generate(new CorpusSpec(dir.resolve("a"), 3, 2, 11, false));
    assertEquals(3, CorpusManifest.read(dir.resolve("a")).catalog().size(), "an earlier corpus is replaced");
    try (Stream<Path> files = Files.walk(dir.resolve("a/mp3"))) {
      assertEquals(3, files.filter(Files::isRegularFile).count(), "no files of the earlier corpus remain");
    }
  }

  @Test
  void refusesToWriteIntoADirectoryThatIsNotACorpus(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("notes.txt"), "mine");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CorpusGenerator.generate(new CorpusSpec(dir, 2, 1, 1, false)));
    assertTrue(e.getMessage().contains("refusing to overwrite"), e.getMessage());
    assertTrue(Files.exists(dir.resolve("notes.txt")));
  }

  @Test
  void manifestRoundTrips() {
    assertEquals(corpus.manifest(), CorpusManifest.read(corpus.root()));
  }

  private static Path pathOf(String id) {
    return corpus.manifest().catalog().stream().filter(t -> t.id().equals(id)).map(t -> corpus.file(t.path())).findFirst()
        .orElseGet(() -> corpus.file(corpus.manifest().defects().missingLabels().path()));
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }
}
