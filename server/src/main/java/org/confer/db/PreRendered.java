package org.confer.db;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.SQLDialect;

/**
 * A hot statement written with jOOQ's DSL, rendered to SQL once per dialect and then executed
 * with fresh bind values — jOOQ's own advice for statements on a hot path: rendering the DSL
 * tree was a sixth of the server's CPU while posting messages (JFR, rooms benchmark), paid
 * again for every message although the text never changes.
 *
 * <p>The shape is written with {@link org.jooq.impl.DSL#param(String, Class)} placeholders (or
 * {@link org.jooq.impl.DSL#inline} constants); values are passed as typed {@link Param}s, in
 * the order their placeholders appear in the rendered SQL, which is the order they appear in
 * the DSL for the simple statements this is for. The integration tests, run against H2 and
 * PostgreSQL, execute every pre-rendered statement.
 */
public final class PreRendered {
    private final Function<DSLContext, ? extends Query> shape;
    private final Map<SQLDialect, String> sql = new ConcurrentHashMap<>();

    public PreRendered(Function<DSLContext, ? extends Query> shape) {
        this.shape = shape;
    }

    /** The statement's SQL for this context's dialect, with {@code ?} for each value. */
    public String sql(DSLContext dsl) {
        return sql.computeIfAbsent(dsl.dialect(), d -> dsl.render(shape.apply(dsl)));
    }

    /** Runs an insert, update or delete; returns the rows affected. */
    public int execute(DSLContext dsl, Param<?>... values) {
        return dsl.execute(sql(dsl), (Object[]) values);
    }

    /** Runs a query answering at most one row, read as {@code fields} (the select list, in order). */
    public Optional<Record> fetchOptional(DSLContext dsl, Field<?>[] fields, Param<?>... values) {
        return dsl.resultQuery(sql(dsl), (Object[]) values).coerce(fields).fetchOptional();
    }
}
