/** The domain's root: the exception hierarchy every module reports failures with. */
package dev.cryptotracker.domain;
