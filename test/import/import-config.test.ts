import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.js";
import { ConfigError } from "../../src/errors.js";

describe("import settings", () => {
  it("defaults to no feeds, a 30-minute interval, public addresses only and a 1 s host delay", () => {
    expect(parseConfig({}).import).toEqual({ feeds: [], feedPollMinutes: 30, allowPrivateAddresses: false, hostDelayMs: 1000 });
  });

  it("reads FEEDS separated by commas or spaces, without repeats", () => {
    const config = parseConfig({ FEEDS: "https://a.example/rss.xml, https://b.example/atom.xml https://a.example/rss.xml", FEED_POLL_MINUTES: "15", IMPORT_ALLOW_PRIVATE_ADDRESSES: "true", IMPORT_HOST_DELAY_MS: "0" });
    expect(config.import).toEqual({ feeds: ["https://a.example/rss.xml", "https://b.example/atom.xml"], feedPollMinutes: 15, allowPrivateAddresses: true, hostDelayMs: 0 });
  });

  it.each([
    [{ FEEDS: "ftp://a.example/feed" }, /FEEDS has «ftp:\/\/a.example\/feed», which is not an http\(s\) address/u],
    [{ FEED_POLL_MINUTES: "0.5" }, /FEED_POLL_MINUTES must be at least 1/u],
    [{ FEED_POLL_MINUTES: "often" }, /FEED_POLL_MINUTES must be a number of minutes/u],
    [{ IMPORT_ALLOW_PRIVATE_ADDRESSES: "yes" }, /IMPORT_ALLOW_PRIVATE_ADDRESSES must be true or false/u],
    [{ IMPORT_HOST_DELAY_MS: "-5" }, /IMPORT_HOST_DELAY_MS must be 0 or more/u],
  ])("refuses %j with a message naming the variable", (environment, message) => {
    expect(() => parseConfig(environment)).toThrow(ConfigError);
    expect(() => parseConfig(environment)).toThrow(message);
  });
});
