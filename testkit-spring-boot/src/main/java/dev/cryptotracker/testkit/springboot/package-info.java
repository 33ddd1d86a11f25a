/**
 * The testkit inside Spring Boot test contexts: {@link dev.cryptotracker.testkit.springboot.AutoConfigureTestkit}
 * points a context's connection details at one clean testkit lease and resets it before every test method.
 */
package dev.cryptotracker.testkit.springboot;
