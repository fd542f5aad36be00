package io.github.aifilters.examples.library;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The library's data, in memory: one instance per web app (servlet-context attribute {@link #ATTRIBUTE}). */
public final class Library {

    public static final String ATTRIBUTE = Library.class.getName();

    public record Author(long id, String name, int born) {
    }

    public record Book(long id, String title, long authorId, String isbn, Integer year) {
    }

    /** {@code due} is an ISO date ({@code 2026-05-10}), as the API shows it. */
    public record Loan(long id, long bookId, String member, String due) {
    }

    private final Map<Long, Author> authors = new ConcurrentHashMap<>();
    private final Map<Long, Book> books = new ConcurrentHashMap<>();
    private final Map<Long, Loan> loans = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(100);

    /** A small catalogue, with one loan already overdue. */
    public static Library seeded() {
        Library l = new Library();
        l.authors.put(1L, new Author(1, "J. R. R. Tolkien", 1892));
        l.authors.put(2L, new Author(2, "Ursula K. Le Guin", 1929));
        l.authors.put(3L, new Author(3, "Frank Herbert", 1920));
        l.books.put(1L, new Book(1, "The Hobbit", 1, "9780261102217", 1937));
        l.books.put(2L, new Book(2, "A Wizard of Earthsea", 2, "9780553383041", 1968));
        l.books.put(3L, new Book(3, "Dune", 3, "9780441172719", 1965));
        l.loans.put(7L, new Loan(7, 2, "ged", LocalDate.now().minusDays(3).toString()));
        return l;
    }

    public List<Book> books() {
        return books.values().stream().sorted(java.util.Comparator.comparingLong(Book::id)).toList();
    }

    public Optional<Book> book(long id) {
        return Optional.ofNullable(books.get(id));
    }

    public Book addBook(String title, long authorId, String isbn, Integer year) {
        long id = ids.incrementAndGet();
        Book b = new Book(id, title, authorId, isbn, year);
        books.put(id, b);
        return b;
    }

    public List<Author> authors() {
        return authors.values().stream().sorted(java.util.Comparator.comparingLong(Author::id)).toList();
    }

    public Optional<Author> author(long id) {
        return Optional.ofNullable(authors.get(id));
    }

    public Optional<Loan> loan(long id) {
        return Optional.ofNullable(loans.get(id));
    }

    /**
     * Lends a book. A book already on loan is a bug the API does not handle yet: the exception escapes to the
     * container (the error analysis filter turns it into a problem document).
     */
    public Loan lend(long bookId, String member, int days) {
        if (books.get(bookId) == null) {
            throw new java.util.NoSuchElementException("no book " + bookId);
        }
        synchronized (loans) {
            if (loans.values().stream().anyMatch(l -> l.bookId() == bookId)) {
                throw new IllegalStateException("book " + bookId + " is already on loan");
            }
            long id = ids.incrementAndGet();
            Loan loan = new Loan(id, bookId, member, LocalDate.now().plusDays(days).toString());
            loans.put(id, loan);
            return loan;
        }
    }

    public List<Loan> overdue(LocalDate today) {
        return loans.values().stream().filter(l -> LocalDate.parse(l.due()).isBefore(today)).toList();
    }
}
