package dev.cryptotracker.testkit.springboot;

import dev.cryptotracker.testkit.springboot.notes.NotesApplication;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/** The one configuration most test classes here share, and so one cached context. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = NotesApplication.class)
@AutoConfigureTestkit
@interface NotesTest {
}
