package org.tandem.appliance.admin.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class AdminAccountRepository {

    private static final String COLUMNS = "username, password_hash, role, must_change_password, created_at";

    private final JdbcClient jdbc;

    public AdminAccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AdminAccountRow> find(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM admin_account WHERE username = ?")
                .param(username)
                .query(AdminAccountRepository::row)
                .optional();
    }

    public List<AdminAccountRow> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM admin_account ORDER BY username")
                .query(AdminAccountRepository::row)
                .list();
    }

    public long countByRole(String role) {
        return jdbc.sql("SELECT COUNT(*) FROM admin_account WHERE role = ?")
                .param(role)
                .query(Long.class)
                .single();
    }

    public void insert(AdminAccountRow a) {
        jdbc.sql("INSERT INTO admin_account (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)")
                .params(a.username(), a.passwordHash(), a.role(), a.mustChangePassword(), Timestamp.from(a.createdAt()))
                .update();
    }

    public int delete(String username) {
        return jdbc.sql("DELETE FROM admin_account WHERE username = ?")
                .param(username)
                .update();
    }

    public int updatePassword(String username, String passwordHash, boolean mustChangePassword) {
        return jdbc.sql("UPDATE admin_account SET password_hash = ?, must_change_password = ? WHERE username = ?")
                .params(passwordHash, mustChangePassword, username)
                .update();
    }

    public int updateRole(String username, String role) {
        return jdbc.sql("UPDATE admin_account SET role = ? WHERE username = ?")
                .params(role, username)
                .update();
    }

    private static AdminAccountRow row(ResultSet rs, int n) throws SQLException {
        return new AdminAccountRow(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getBoolean(4),
                rs.getTimestamp(5).toInstant());
    }
}
