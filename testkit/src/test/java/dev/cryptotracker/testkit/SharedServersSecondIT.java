package dev.cryptotracker.testkit;

/** The second of two classes that must get the very servers the first got: it runs the same tests. */
class SharedServersSecondIT extends SharedServersFirstIT {
}
