<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AlertController</name>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="63"/>
        <source>Plate</source>
        <translation>Biển số</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="64"/>
        <source>Colour</source>
        <translation>Màu</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="65"/>
        <source>Vehicle</source>
        <translation>Phương tiện</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="66"/>
        <source>Speed (km/h)</source>
        <translation>Tốc độ (km/h)</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="67"/>
        <source>Limit (km/h)</source>
        <translation>Giới hạn (km/h)</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="68"/>
        <source>Parked for (s)</source>
        <translation>Thời gian đỗ (giây)</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="69"/>
        <source>People</source>
        <translation>Số người</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="225"/>
        <source>Ignored a malformed alert: %1</source>
        <translation>Đã bỏ qua một cảnh báo sai định dạng: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="343"/>
        <source>Could not %1 alert %2: %3</source>
        <translation>Không thể %1 cảnh báo %2: %3</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="359"/>
        <source>acknowledge</source>
        <translation>xác nhận</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="360"/>
        <source>dismiss</source>
        <translation>bỏ qua</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="361"/>
        <source>escalate</source>
        <translation>chuyển sự vụ</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="374"/>
        <source>False positives: %1</source>
        <translation>Báo nhầm: %1</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="394"/>
        <source>Confidence</source>
        <translation>Độ tin cậy</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="397"/>
        <source>Repeats</source>
        <translation>Số lần lặp</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="436"/>
        <source>No snapshot</source>
        <translation>Không có ảnh chụp</translation>
    </message>
    <message>
        <location filename="../../console/controllers/alert_controller.py" line="441"/>
        <source>Snapshot unavailable offline</source>
        <translation>Không tải được ảnh khi mất kết nối</translation>
    </message>
</context>
<context>
    <name>AlertDetailWidget</name>
    <message>
        <location filename="../../widgets/alert_detail.py" line="109"/>
        <location filename="../../widgets/alert_detail.py" line="169"/>
        <source>No alert selected</source>
        <translation>Chưa chọn cảnh báo</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_detail.py" line="116"/>
        <source>Show camera</source>
        <translation>Xem camera</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_detail.py" line="124"/>
        <source>History</source>
        <translation>Lịch sử</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_detail.py" line="144"/>
        <source>Loading snapshot…</source>
        <translation>Đang tải ảnh chụp…</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_detail.py" line="159"/>
        <source>Snapshot unreadable</source>
        <translation>Không đọc được ảnh chụp</translation>
    </message>
</context>
<context>
    <name>AlertTableModel</name>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="69"/>
        <source>Wrong-way driving</source>
        <translation>Đi ngược chiều</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="70"/>
        <source>Red-light running</source>
        <translation>Vượt đèn đỏ</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="71"/>
        <source>No helmet</source>
        <translation>Không đội mũ bảo hiểm</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="72"/>
        <source>Illegal parking</source>
        <translation>Đỗ xe sai quy định</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="73"/>
        <source>Sidewalk encroachment</source>
        <translation>Lấn chiếm vỉa hè</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="74"/>
        <source>Street vending</source>
        <translation>Buôn bán hàng rong</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="75"/>
        <source>Littering</source>
        <translation>Xả rác</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="76"/>
        <source>Crowding</source>
        <translation>Tụ tập đông người</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="77"/>
        <source>Smoke / fire</source>
        <translation>Khói / cháy</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="78"/>
        <source>Forest fire</source>
        <translation>Cháy rừng</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="79"/>
        <source>Flooding</source>
        <translation>Ngập lụt</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="80"/>
        <source>Intrusion</source>
        <translation>Xâm nhập</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="81"/>
        <source>Lane violation</source>
        <translation>Đi sai làn</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="82"/>
        <source>Speeding</source>
        <translation>Quá tốc độ</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="83"/>
        <source>Traffic jam</source>
        <translation>Ùn tắc giao thông</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="84"/>
        <source>Accident</source>
        <translation>Tai nạn</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="85"/>
        <source>Fallen tree</source>
        <translation>Cây đổ</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="86"/>
        <source>Loitering</source>
        <translation>Lảng vảng</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="87"/>
        <source>Low</source>
        <translation>Thấp</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="88"/>
        <source>Medium</source>
        <translation>Trung bình</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="89"/>
        <source>High</source>
        <translation>Cao</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="90"/>
        <source>Critical</source>
        <translation>Khẩn cấp</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="91"/>
        <source>New</source>
        <translation>Mới</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="92"/>
        <source>Acknowledged</source>
        <translation>Đã xác nhận</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="93"/>
        <source>Dismissed</source>
        <translation>Đã bỏ qua</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="94"/>
        <source>Escalated</source>
        <translation>Đã chuyển sự vụ</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="96"/>
        <source>False positive</source>
        <translation>Báo nhầm</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="97"/>
        <source>Duplicate</source>
        <translation>Trùng lặp</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="98"/>
        <source>Already handled</source>
        <translation>Đã xử lý</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="99"/>
        <source>No action needed</source>
        <translation>Không cần xử lý</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="247"/>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="248"/>
        <source>Severity</source>
        <translation>Mức độ</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="249"/>
        <source>Type</source>
        <translation>Loại</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="250"/>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="251"/>
        <source>Ward</source>
        <translation>Phường/xã</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="252"/>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="253"/>
        <source>Owner</source>
        <translation>Người xử lý</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="254"/>
        <source>Count</source>
        <translation>Số lần</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="256"/>
        <source>%1 (pending)</source>
        <translation>%1 (đang chờ gửi)</translation>
    </message>
    <message>
        <location filename="../../console/models/alert_table_model.py" line="654"/>
        <source>%1 alerts, last at %2</source>
        <translation>%1 cảnh báo, lần cuối lúc %2</translation>
    </message>
</context>
<context>
    <name>AlertTableWidget</name>
    <message>
        <location filename="../../widgets/alert_table.py" line="219"/>
        <source>Filter alerts (type, camera, ward, state)…</source>
        <translation>Lọc cảnh báo (loại, camera, phường, trạng thái)…</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="221"/>
        <source>Filter (F)</source>
        <translation>Lọc (F)</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="222"/>
        <source>All types</source>
        <translation>Mọi loại</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="223"/>
        <source>All severities</source>
        <translation>Mọi mức độ</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="224"/>
        <source>All wards</source>
        <translation>Mọi phường/xã</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="225"/>
        <source>All states</source>
        <translation>Mọi trạng thái</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="228"/>
        <source>Acknowledge</source>
        <translation>Xác nhận</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="229"/>
        <source>Acknowledge the selected alerts (A)</source>
        <translation>Xác nhận các cảnh báo đã chọn (A)</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="230"/>
        <source>Dismiss…</source>
        <translation>Bỏ qua…</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="231"/>
        <source>Dismiss the selected alerts with a reason (D)</source>
        <translation>Bỏ qua các cảnh báo đã chọn kèm lý do (D)</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="232"/>
        <source>Escalate</source>
        <translation>Chuyển sự vụ</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="233"/>
        <source>Escalate the selected alerts to incidents (E)</source>
        <translation>Chuyển các cảnh báo đã chọn thành sự vụ (E)</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="238"/>
        <source>False positive</source>
        <translation>Báo nhầm</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="239"/>
        <source>Duplicate</source>
        <translation>Trùng lặp</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="240"/>
        <source>Already handled</source>
        <translation>Đã xử lý</translation>
    </message>
    <message>
        <location filename="../../widgets/alert_table.py" line="241"/>
        <source>No action needed</source>
        <translation>Không cần xử lý</translation>
    </message>
    <message numerus="yes">
        <location filename="../../widgets/alert_table.py" line="437"/>
        <source>%n alert(s)</source>
        <translation>
            <numerusform>%n cảnh báo</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CameraTreeWidget</name>
    <message>
        <location filename="../../widgets/camera_tree.py" line="22"/>
        <source>Search cameras or wards…</source>
        <translation>Tìm camera hoặc phường…</translation>
    </message>
</context>
<context>
    <name>ConsoleApp</name>
    <message>
        <location filename="../../console/app.py" line="115"/>
        <source>Cannot reach the backend at %1</source>
        <translation>Không kết nối được máy chủ %1</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="165"/>
        <source>The saved wall layout is invalid (%1); showing the default layout.</source>
        <translation>Bố cục tường video đã lưu không hợp lệ (%1); đang dùng bố cục mặc định.</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="209"/>
        <source>Normal operations</source>
        <translation>Vận hành thường ngày</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="255"/>
        <location filename="../../console/app.py" line="382"/>
        <source>Layout not applied: %1</source>
        <translation>Không áp dụng bố cục: %1</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="400"/>
        <source>Could not push the layout: %1</source>
        <translation>Không thể đẩy bố cục: %1</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="405"/>
        <source>Layout %1 pushed to the walls</source>
        <translation>Đã đẩy bố cục %1 lên các màn hình tường</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../console/login_dialog.py" line="21"/>
        <source>IOC console — sign in</source>
        <translation>Bàn điều hành IOC — đăng nhập</translation>
    </message>
    <message>
        <location filename="../../console/login_dialog.py" line="30"/>
        <source>Server</source>
        <translation>Máy chủ</translation>
    </message>
    <message>
        <location filename="../../console/login_dialog.py" line="31"/>
        <source>User</source>
        <translation>Người dùng</translation>
    </message>
    <message>
        <location filename="../../console/login_dialog.py" line="32"/>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../console/main_window.py" line="25"/>
        <source>IOC console — Huế Intelligent Operations Center</source>
        <translation>Bàn điều hành IOC — Trung tâm Giám sát, điều hành đô thị thông minh Huế</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="30"/>
        <source>Cameras</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="40"/>
        <source>AI alerts</source>
        <translation>Cảnh báo AI</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="47"/>
        <source>&amp;Wall</source>
        <translation>&amp;Tường video</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="48"/>
        <source>Open layout…</source>
        <translation>Mở bố cục…</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="51"/>
        <source>Push layout to the walls</source>
        <translation>Đẩy bố cục lên các màn hình tường</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="78"/>
        <source>Backend online</source>
        <translation>Máy chủ trực tuyến</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="79"/>
        <source>Connecting to backend…</source>
        <translation>Đang kết nối máy chủ…</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="80"/>
        <source>Backend offline</source>
        <translation>Mất kết nối máy chủ</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="106"/>
        <source>Open wall layout</source>
        <translation>Mở bố cục tường video</translation>
    </message>
    <message>
        <location filename="../../console/main_window.py" line="106"/>
        <source>Wall layouts (*.json)</source>
        <translation>Bố cục tường video (*.json)</translation>
    </message>
</context>
<context>
    <name>VideoTileWidget</name>
    <message>
        <location filename="../../widgets/video_tile.py" line="95"/>
        <location filename="../../widgets/video_tile.py" line="134"/>
        <source>No camera</source>
        <translation>Chưa có camera</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="113"/>
        <source>Drop or pick a camera</source>
        <translation>Kéo thả hoặc chọn một camera</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="45"/>
        <source>idle</source>
        <translation>chờ</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="46"/>
        <source>connecting</source>
        <translation>đang kết nối</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="47"/>
        <source>live</source>
        <translation>trực tiếp</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="48"/>
        <source>stalled</source>
        <translation>mất hình</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="49"/>
        <source>reconnecting</source>
        <translation>đang kết nối lại</translation>
    </message>
    <message>
        <location filename="../../widgets/video_tile.py" line="50"/>
        <source>offline</source>
        <translation>ngoại tuyến</translation>
    </message>
</context>
<context>
    <name>WallController</name>
    <message>
        <location filename="../../console/controllers/wall_controller.py" line="222"/>
        <source>unknown camera</source>
        <translation>camera không xác định</translation>
    </message>
</context>
<context>
    <name>WallWindow</name>
    <message>
        <location filename="../../console/wall_window.py" line="21"/>
        <source>IOC wall — screen %1</source>
        <translation>Tường video IOC — màn hình %1</translation>
    </message>
</context>
</TS>
